package vault

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTrackingShots: which screenshots may show the tracking, and what
// says so, surest first (#30, item 8).
func TestTrackingShots(t *testing.T) {
	orders := []Order{{ID: 1, Tracking: []string{"LP00123456789CN", "1234"}}}
	shot := func(id EvidenceID, title, file string) Evidence {
		return Evidence{ID: id, Kind: EvidenceScreenshot, Title: title, FileName: file}
	}
	for _, c := range []struct {
		name  string
		list  []Evidence
		texts map[EvidenceID]string
		want  []TrackingShot
	}{
		{"none", nil, nil, nil},
		{"unread", []Evidence{shot(1, "", "Screenshot_20261101.png")}, nil, []TrackingShot{{ID: 1, Clue: ClueUnread}}},
		{"read, and nothing of tracking", []Evidence{shot(1, "", "Screenshot_20261101.png")},
			map[EvidenceID]string{1: "Order details\nUSB-C charger 65W\nTrack order"}, nil},
		{"read, nothing at all: as unread", []Evidence{shot(1, "", "IMG_0001.PNG")}, map[EvidenceID]string{1: " \n"},
			[]TrackingShot{{ID: 1, Clue: ClueUnread}}},
		{"the number in its words, spaced by OCR", []Evidence{shot(1, "", "IMG_0001.PNG")},
			map[EvidenceID]string{1: "Sendingsnr. LP 0012 3456 789 CN"}, []TrackingShot{{ID: 1, Clue: ClueNumber, Number: "LP00123456789CN"}}},
		{"the number in its file name", []Evidence{shot(1, "", "lp00123456789cn.png")}, nil,
			[]TrackingShot{{ID: 1, Clue: ClueNumber, Number: "LP00123456789CN"}}},
		{"a short number is no clue", []Evidence{shot(1, "", "1234.png")}, map[EvidenceID]string{1: "receipt 1234"}, nil},
		{"tracking words", []Evidence{shot(1, "", "IMG_1.PNG"), shot(2, "", "IMG_2.PNG"), shot(3, "", "IMG_3.PNG")},
			map[EvidenceID]string{1: "Sendingen er under transport", 2: "Your parcel is OUT FOR DELIVERY", 3: "Sporingsinformasjon"},
			[]TrackingShot{{ID: 1, Clue: ClueWords}, {ID: 2, Clue: ClueWords}, {ID: 3, Clue: ClueWords}}},
		{"a name that says tracking", []Evidence{shot(1, "Posten sporing", ""), shot(2, "", "tracking.png"), shot(3, "", "17track-2026.jpg")}, nil,
			[]TrackingShot{{ID: 1, Clue: ClueName}, {ID: 2, Clue: ClueName}, {ID: 3, Clue: ClueName}}},
		{"'spor' inside a word is none", []Evidence{shot(1, "transport damage", "")}, map[EvidenceID]string{1: "photo"}, nil},
		{"surest first, then as listed", []Evidence{shot(1, "", "a.png"), shot(2, "tracking", ""), shot(3, "", "b.png"), shot(4, "", "c.png"),
			{ID: 5, Kind: EvidenceTracking, FileName: "tracking.png"}, {ID: 6, Kind: EvidencePhoto, FileName: "tracking.jpg"}},
			map[EvidenceID]string{3: "LP00123456789CN delivered", 4: "Cainiao: in transit"},
			[]TrackingShot{{ID: 3, Clue: ClueNumber, Number: "LP00123456789CN"}, {ID: 4, Clue: ClueWords}, {ID: 2, Clue: ClueName}, {ID: 1, Clue: ClueUnread}}},
	} {
		if diff := cmp.Diff(c.want, trackingShots(orders, c.list, c.texts)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}
