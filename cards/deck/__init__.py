"""The deck: which cards (select), what they say (content), how they look (render), where they go (export, state, files), audio and known words."""
