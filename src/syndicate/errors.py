"""One exception root with named, coded subclasses.

Messages start with a code (``[E012]``) so users can search for them and tests can
match them without depending on wording.
"""

from __future__ import annotations


class SyndicateError(Exception):
    """Root of every error Syndicate raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.reason = message


class FileAccessError(SyndicateError):
    """A file or folder Syndicate needs cannot be read or written (permissions, missing
    folder, a folder where a file was expected)."""

    code = "E002"


class DictionaryError(SyndicateError):
    """The actor dictionary or an overlay file is invalid."""

    code = "E010"


class VocabularyError(SyndicateError):
    """An unknown relation, modality, polarity or actor kind."""

    code = "E012"


class ReadError(SyndicateError):
    """A document could not be read (missing, binary, undecodable, malformed)."""

    code = "E020"


class EmptyDocumentError(ReadError):
    """A document has no text left after cleaning."""

    code = "E021"


class LimitError(ReadError):
    """A document exceeds a per-document limit (size, nesting, lines, sentences, mentions,
    time); it is recorded as failed and the batch goes on."""

    code = "E022"


class GoldFileError(ReadError):
    """A gold file line is malformed or lacks a field the evaluation needs."""

    code = "E023"


class StoreError(SyndicateError):
    """The database cannot be opened, migrated or written."""

    code = "E030"


class DamagedStoreError(StoreError):
    """SQLite reports the store's file as damaged."""

    code = "E031"


class MissingStoreError(StoreError):
    """A read command names a store that does not exist (nothing is created)."""

    code = "E032"


class ReadOnlyStoreError(StoreError):
    """A command that writes was given a store it may only read."""

    code = "E033"


class ForeignStoreError(StoreError):
    """The file is an SQLite database of another application; it is left untouched."""

    code = "E034"


class UnknownActorError(SyndicateError):
    """An actor id or name that the dictionary does not know."""

    code = "E040"


class SettingsError(SyndicateError):
    """A settings file or value is invalid."""

    code = "E050"


class ExportError(SyndicateError):
    """An export cannot be written (unknown format, a directory format sent to a stream)."""

    code = "E060"


class TriggerError(SyndicateError):
    """A trigger in triggers.yaml is malformed (unknown shape or relation, bad pattern, ...)."""

    code = "E014"


class StageError(SyndicateError):
    """An unknown pipeline stage, or one registered twice."""

    code = "E013"
