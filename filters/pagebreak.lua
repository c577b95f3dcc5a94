--[[
pagebreak.lua — a paragraph "\newpage" or a "::: pagebreak" div becomes a page break.

Pandoc has no page-break element: a raw OpenXML paragraph with <w:br w:type="page"/> is the
one form Word and LibreOffice both honour (at block level only).
]]
PANDOC_VERSION:must_be_at_least '3.1'

local BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'

local function page_break()
  return pandoc.RawBlock('openxml', BREAK)
end

local function is_newpage(inlines)
  if #inlines ~= 1 then
    return false
  end
  local only = inlines[1]
  return (only.t == 'Str' and only.text == '\\newpage')
    or (only.t == 'RawInline' and only.format:match('tex') and only.text:match('^\\newpage%s*$'))
end

local function Para(para)
  if is_newpage(para.content) then
    return page_break()
  end
  return nil
end

local function Div(div)
  if not div.classes:includes('pagebreak') then
    return nil
  end
  local out = pandoc.Blocks({ page_break() })
  out:extend(div.content)
  return out
end

return {
  { Para = Para, Plain = Para, Div = Div },
}
