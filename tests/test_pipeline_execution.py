"""The executed copy of a notebook is replaced whole: a killed run leaves the previous copy, a failed
run leaves the copy with its error."""

import papermill
import pytest

from newsledger import pipeline
from newsledger.atomic import remove_stale_temp_files

STAGE = next(s for s in pipeline.STAGES if s.name == "analyze")


def fake_execution(monkeypatch, written: str, then: BaseException | None):
    def execute_notebook(source, output, **options):
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(written)
        if then is not None:
            raise then

    monkeypatch.setattr(papermill, "execute_notebook", execute_notebook)


@pytest.fixture
def executed(tmp_path):
    path = tmp_path / STAGE.notebook
    path.write_text("the previous run's notebook", encoding="utf-8")
    return path


def test_a_finished_run_replaces_the_executed_copy(monkeypatch, executed):
    fake_execution(monkeypatch, "this run's notebook", then=None)
    pipeline.execute_atomically(STAGE, executed, {}, "newsledger")
    assert executed.read_text(encoding="utf-8") == "this run's notebook"
    assert remove_stale_temp_files(executed.parent) == []


def test_an_interrupted_run_leaves_the_previous_copy_whole(monkeypatch, executed):
    fake_execution(monkeypatch, "half of a notebo", then=KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        pipeline.execute_atomically(STAGE, executed, {}, "newsledger")
    assert executed.read_text(encoding="utf-8") == "the previous run's notebook"


def test_a_failed_notebook_is_kept_with_its_error(monkeypatch, executed):
    fake_execution(monkeypatch, "the notebook with the error in cell 3", then=RuntimeError("cell 3 failed"))
    with pytest.raises(RuntimeError, match="cell 3 failed"):
        pipeline.execute_atomically(STAGE, executed, {}, "newsledger")
    assert executed.read_text(encoding="utf-8") == "the notebook with the error in cell 3"
    assert remove_stale_temp_files(executed.parent) == []
