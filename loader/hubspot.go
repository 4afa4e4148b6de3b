package loader

// hubState is shared by the HubSpot adapters.
type hubState struct{}

func hubspotShapes() []shape { return nil }

func (l *load) hubNotes() {}
