"""One server's parts, opened together from its settings: the store, accounts, photos and cases."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.catalogue import Catalogue, load_catalogue
from server.accounts import Accounts
from server.blobs import PhotoStore
from server.cases import Cases
from server.config import ServerConfig
from server.store import Store


@dataclass
class Core:
    config: ServerConfig
    store: Store
    catalogue: Catalogue
    accounts: Accounts
    photos: PhotoStore
    cases: Cases

    @classmethod
    def open(cls, config: ServerConfig, *, pool_size: int = 20) -> Core:
        store = Store(config.database_url, pool_size=pool_size)
        try:
            catalogue = load_catalogue(config.catalogue_path)
            photos = PhotoStore(store, config.blobs_dir, config.partial_dir)
            return cls(
                config=config,
                store=store,
                catalogue=catalogue,
                accounts=Accounts(store, config),
                photos=photos,
                cases=Cases(store, photos, catalogue),
            )
        except BaseException:
            store.close()
            raise

    def close(self) -> None:
        self.store.close()
