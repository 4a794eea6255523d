package web

import "github.com/enduse/enduse"

// pathwayLabel renders a pathway id for bars: an English label and the
// id itself as detail, so analysts can type it into --pathway.
func pathwayLabel(k string) (string, string) {
	switch enduse.Pathway(k) {
	case enduse.PathwayDirect:
		return "Direct", k
	case enduse.PathwaySubsidiary:
		return "Subsidiary", k
	case enduse.PathwayJointVenture:
		return "Joint venture", k
	case enduse.PathwayAcquired:
		return "Acquired company", k
	case enduse.PathwayDistributor:
		return "Distributor or agent", k
	case enduse.PathwayUnknownThirdParty:
		return "Unknown third party", k
	}
	return k, ""
}
