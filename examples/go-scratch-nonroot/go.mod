module example.com/go-scratch-nonroot

go 1.22
