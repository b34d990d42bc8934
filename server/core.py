"""One server's parts, opened together from its settings: the store, accounts, photos, cases and decisions."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.calendar import WorkingCalendar
from app.domain.catalogue import Catalogue, load_catalogue
from server.accounts import Accounts
from server.blobs import PhotoStore
from server.cases import Cases
from server.config import ServerConfig
from server.decisions import Decisions
from server.evaluation import Evaluation
from server.exports import Exporter
from server.keys import ServerKey
from server.store import Store


@dataclass
class Core:
    config: ServerConfig
    store: Store
    catalogue: Catalogue
    accounts: Accounts
    photos: PhotoStore
    cases: Cases
    calendar: WorkingCalendar
    decisions: Decisions
    evaluation: Evaluation
    exports: Exporter

    @classmethod
    def open(cls, config: ServerConfig, *, pool_size: int = 20) -> Core:
        store = Store(config.database_url, pool_size=pool_size)
        try:
            catalogue = load_catalogue(config.catalogue_path)
            photos = PhotoStore(store, config.blobs_dir, config.partial_dir)
            calendar = WorkingCalendar.load(config.calendar_path)
            key = ServerKey.open(config.data_dir)  # made at first need (server/keys.py)
            cases = Cases(store, photos, catalogue, calendar=calendar, auto_close=config.auto_close, key=key)
            return cls(
                config=config,
                store=store,
                catalogue=catalogue,
                accounts=Accounts(store, config),
                photos=photos,
                cases=cases,
                calendar=calendar,
                decisions=Decisions(store, cases, catalogue, calendar, config),
                evaluation=Evaluation(store, calendar.tz),
                exports=Exporter(store, calendar.tz),
            )
        except BaseException:
            store.close()
            raise

    def close(self) -> None:
        self.store.close()
