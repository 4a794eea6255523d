-- 0015_brand_figures: brand profiles join the summary tables. Each
-- purchase now also contributes, per brand it names, to the figures of the
-- brand's profile, under dimensions "b<US>brand<US>part"
-- (counting.BrandDim, <US> the byte 0x1F). The migration's Go step
-- recomputes both tables from the stored notices; emptying them first
-- states it.
DELETE FROM purchase_figures;
DELETE FROM key_figures;
