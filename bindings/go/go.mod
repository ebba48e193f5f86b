module github.com/voxdesk/voxdesk/bindings/go

go 1.24
