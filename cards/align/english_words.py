"""English word lists of word alignment (cards.align.evidence): function words, never a counterpart,
and irregular forms with their base forms."""

# English function words: never a counterpart (pronouns, articles, prepositions, conjunctions,
# auxiliaries and modals, a few empty adverbs and quantifiers).
FUNCTION_WORDS = frozenset(
    """a an the this that these those such some any each every either neither both all no none
    other another own same i me my mine we us our ours you your yours he him his she her hers it its
    they them their theirs who whom whose which what whatever whoever one ones oneself itself himself
    herself themselves ourselves myself yourself
    of to in on at by for with from into onto upon about above below over under between among
    through during before after since until till against without within toward towards across
    along around behind beyond near off out up down via per than as like unlike despite
    and or but nor so yet if whether because while although though unless whereas when where
    whereby wherein then there here thus hence therefore however
    be am is are was were been being have has had having do does did doing done
    will would shall should can could may might must ought
    not no yes also too very just only even still already again ever never quite rather
    more most less least much many few several s t d ll re ve o""".split()
)

# The function words above that are adverbs: the whole translation of a Russian adverb or sentence
# adverb (впрочем "however", вверх "up", уже "already"), so a target's first gloss may be one
# (cards.align.words._function_adverbs) though no other evidence ever takes them.
FUNCTION_ADVERBS = frozenset(
    """however therefore thus hence then here there up down also too very just only even still already
    again ever never quite rather yet""".split()
)

# Irregular English forms → base form, so "took place" matches the gloss "take place".
IRREGULAR = dict(
    pair.split(":")
    for pair in """
    took:take taken:take met:meet sent:send brought:bring held:hold made:make told:tell became:become
    began:begin begun:begin gave:give given:give went:go gone:go came:come saw:see seen:see found:find
    left:leave kept:keep led:lead paid:pay said:say spoke:speak spoken:speak thought:think bought:buy
    sold:sell won:win lost:lose meant:mean felt:feel chose:choose chosen:choose drew:draw drawn:draw
    grew:grow grown:grow knew:know known:know rose:rise risen:rise struck:strike stood:stand
    understood:understand wrote:write written:write got:get gotten:get fell:fall fallen:fall heard:hear
    sought:seek taught:teach caught:catch built:build spent:spend set:set put:put cut:cut hit:hit
    let:let shut:shut ran:run sat:sit broke:break broken:break drove:drive driven:drive flew:fly
    flown:fly forgot:forget forgotten:forget hid:hide hidden:hide laid:lay lent:lend meetings:meeting
    children:child men:man women:woman people:person
    """.split()
)
