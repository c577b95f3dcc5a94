--[[
landscape.lua — a "::: landscape" div is set on landscape pages (a wide table, for instance).

Word starts a section where a paragraph carries a w:sectPr: one such paragraph closes the
portrait pages before the div, another closes the landscape pages of the div. Pandoc cannot
fill a section's page size, margins and headers, so the marks carry only the orientation and
the build's post-processing completes them from the document's final section
(vankien.publish.ooxml.transforms.complete_sections).
]]
PANDOC_VERSION:must_be_at_least '3.1'

local function section_end(orientation)
  return pandoc.RawBlock(
    'openxml',
    '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/><w:pgSz w:orient="'
      .. orientation
      .. '"/></w:sectPr></w:pPr></w:p>'
  )
end

local function Div(div)
  if not div.classes:includes('landscape') then
    return nil
  end
  local out = pandoc.Blocks({ section_end('portrait') })
  out:extend(div.content)
  out:insert(section_end('landscape'))
  return out
end

return {
  { Div = Div },
}
