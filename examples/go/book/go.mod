module github.com/voxdesk/voxdesk/examples/go/book

go 1.24

require github.com/voxdesk/voxdesk/bindings/go v0.0.0

replace github.com/voxdesk/voxdesk/bindings/go => ../../../bindings/go
