"""FollowTheMoney (OpenSanctions) entities: `parse` reads the JSON lines, `load` maps them to
the graph (companies, people, ownership, sanctions), resolving names like every loader."""

from loaders.ftm.load import ftm_date, load_ftm
from loaders.ftm.parse import FtmFile, FtmRecord, our_id, read_ftm, to_ftm_id

__all__ = ["FtmFile", "FtmRecord", "ftm_date", "load_ftm", "our_id", "read_ftm", "to_ftm_id"]
