import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def collection(tmp_path):
    from anki_client import open_collection

    col = open_collection(tmp_path / "collection.anki2")
    yield col
    col.close()
