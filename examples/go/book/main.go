// Book books the first free exam at the example medical practice, in Go.
//
//	go run . ../../business/medical-practice.json
//
// The business runs in virtual time (a fixed "now") with its bookings in
// memory, so the output is the same on every run.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	voxdesk "github.com/voxdesk/voxdesk/bindings/go"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintf(os.Stderr, "usage: %s BUSINESS.json\n", os.Args[0])
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(config string) error {
	ctx := context.Background()
	now, _ := time.Parse(time.RFC3339, "2026-03-02T08:00:00-05:00")
	biz, err := voxdesk.Open(voxdesk.Options{ConfigPath: config, Now: now, Seed: 7})
	if err != nil {
		return err
	}
	defer biz.Close()

	slot, ok, err := biz.NextAvailable(ctx, "exam", "", time.Time{})
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("no free exam within the booking horizon")
	}
	req := voxdesk.BookRequest{
		Service: "exam", Staff: slot.Staff, Start: slot.Start,
		CustomerName: "Ana Ruiz", CustomerPhone: "+15550142",
	}
	bk, err := biz.Book(ctx, req)
	if err != nil {
		return err
	}
	fmt.Printf("booked %s with %s at %s, confirmation %s\n",
		bk.Service, bk.Staff, bk.Start.Format(time.RFC3339), bk.ConfirmationCode)

	// The same slot cannot be booked twice.
	req.CustomerName, req.CustomerPhone = "Ben Okafor", "+15550143"
	_, err = biz.Book(ctx, req)
	if !errors.Is(err, voxdesk.ErrSlotUnavailable) {
		return fmt.Errorf("second booking: want slot unavailable, got %v", err)
	}
	fmt.Println("second booking of that slot: slot unavailable")
	return nil
}
