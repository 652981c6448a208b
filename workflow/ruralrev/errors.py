"""The one exception type for mistakes a user can make and fix (bad config, bad raw file)."""


class UserError(Exception):
    """An input problem the user can fix; the CLI prints its message as one line, no traceback.

    The message names the file, key or row and says what to do.
    """
