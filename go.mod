module vault

go 1.26.0
