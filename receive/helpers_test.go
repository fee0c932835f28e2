package receive_test

import (
	"vault"
	"vault/store"
)

func storeFilterAll() store.EvidenceFilter { return store.EvidenceFilter{} }

func storeFilterOrder(o vault.OrderID) store.EvidenceFilter { return store.EvidenceFilter{Order: o} }
