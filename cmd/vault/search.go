package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault/casework"
	"vault/store"
)

func newSearchCmd(a *app) *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "search TEXT...",
		Short: "Search orders, messages, emails, cases, notes and settings",
		Long: `Search order numbers, sellers, items, tracking numbers, notes, messages and
emails (subjects, bodies, senders, attachment names), cases (titles, receivers,
references and dispute numbers, events, statements), accounts and settings.
Every word must match; case and accents do not matter, and ø, æ and å may be
typed as o, ae and a ("blabaer" finds "blåbær"). Whole words come first, best
match first; matches inside longer words ("blåbær" in "blåbærsyltetøy", part of
an order number, Chinese or Japanese text) fill the rest. When nothing
matches, the words are tried without their last two letters ("oreplugger"
finds "ørepluggar"), and that is said. The text is searched as typed: quotes,
'*' and words like OR have no special meaning. Retracted records are not found.`,
		Example: `  vault search 8123456789012345
  vault search refund blåbær
  vault search 包裹 --json`,
		Args: atLeastOne("something to search for"),
	}
	viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, args []string) (store.Results, error) {
		res, err := svc.DB.Search(ctx, strings.Join(args, " "), limit)
		res.Hits = nonNil(res.Hits)
		return res, err
	}, func(res store.Results) error {
		if res.Near != "" {
			fmt.Fprintf(a.stderr, "vault: no match of every word; these match %q\n", res.Near)
		}
		if res.Unranked {
			fmt.Fprintf(a.stderr, "vault: more than %d matches; the newest are shown (add words to narrow)\n", store.RankLimit)
		}
		if len(res.Hits) == 0 {
			return fmt.Errorf("no matches")
		}
		rows := [][]string{{"ID", "TITLE", "MATCH"}}
		for _, h := range res.Hits {
			rows = append(rows, []string{h.Ref, short(h.Title, 40), short(h.Snippet, 80)})
		}
		return table(a.stdout, rows)
	})
	cmd.Flags().IntVarP(&limit, "limit", "n", 20, "show at most this many matches")
	return cmd
}
