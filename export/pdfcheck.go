package export

// pdfDoc is what the dossier knows of a readable PDF exhibit.
type pdfDoc struct {
	pages int        // how many pages it has
	sizes []pageSize // the first maxPDFPages pages' sizes
}

// readPDF checks a PDF exhibit (checkPDF).
func readPDF(src []byte) (pdfDoc, error) { return checkPDF(src) }
