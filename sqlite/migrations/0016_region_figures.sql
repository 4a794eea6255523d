-- 0016_region_figures: the answers of one province join the summary
-- tables. Each purchase now also contributes, per province its notices are
-- in, the unfiltered answer's figures over those notices alone, under
-- dimensions "r<US>province<US>dim" (counting.RegionDim, <US> the byte
-- 0x1F). The migration's Go step recomputes both tables from the stored
-- notices; emptying them first states it.
DELETE FROM purchase_figures;
DELETE FROM key_figures;
