// A benchmark peer, never shipped or tested: the whatsapp_local_storage resource as a
// platform team would write it in Go with HashiCorp's terraform-plugin-framework. It has
// the same provider settings, the same schema essentials and the same reads (GET
// /{id}?fields=... and GET /{id}/settings, sent at once) as the TypeScript provider, so
// bench/go-peer.ts can compare start-up and `tofu plan` side by side. It only reads:
// Create adopts a number whose storage already matches, which is all a plan benchmark
// over converged numbers needs.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

func main() {
	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{
		Address: "registry.terraform.io/bench/whatsapp",
	})
	if err != nil {
		log.Fatal(err)
	}
}
