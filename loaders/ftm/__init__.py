"""FollowTheMoney (OpenSanctions) entities: `parse` reads the JSON lines, `load` maps them to
the graph (companies, people, ownership, sanctions), resolving names like every loader."""

from graph.model import our_id, to_ftm_id
from loaders.ftm.load import ftm_date, load_ftm
from loaders.ftm.parse import FtmFile, FtmRecord, read_ftm

__all__ = ["FtmFile", "FtmRecord", "ftm_date", "load_ftm", "our_id", "read_ftm", "to_ftm_id"]
