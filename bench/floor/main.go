// Command floor does what `sqlite3 .import` does, in Go with the driver
// vault uses (modernc.org/sqlite): read a CSV and insert its rows, as text,
// into a new table of as many columns, in one transaction. bench/statement.sh
// runs it beside vault and sqlite3 to show what the driver alone costs.
//
//	go run ./bench/floor -sep ';' statement.csv ref.db
package main

import (
	"database/sql"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	_ "modernc.org/sqlite"
)

func main() {
	sep := flag.String("sep", ",", "the CSV's separator")
	flag.Parse()
	if flag.NArg() != 2 {
		log.Fatal("usage: floor [-sep ;] FILE.csv DB")
	}
	if err := load(flag.Arg(0), flag.Arg(1), []rune(*sep)[0]); err != nil {
		log.Fatal(err)
	}
}

func load(csvPath, dbPath string, sep rune) error {
	f, err := os.Open(csvPath)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.FieldsPerRecord = sep, -1
	header, err := r.Read()
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cols := make([]string, len(header))
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d TEXT", i+1)
	}
	if _, err := tx.Exec(`CREATE TABLE lines (` + strings.Join(cols, ", ") + `)`); err != nil {
		return err
	}
	ins, err := tx.Prepare(`INSERT INTO lines VALUES (?` + strings.Repeat(",?", len(header)-1) + `)`)
	if err != nil {
		return err
	}
	args := make([]any, len(header))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		for i := range args {
			args[i] = ""
			if i < len(rec) {
				args[i] = rec[i]
			}
		}
		if _, err := ins.Exec(args...); err != nil {
			return err
		}
	}
	return tx.Commit()
}
