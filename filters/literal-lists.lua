--[[
literal-lists.lua — lists become ordinary body paragraphs that start with the typed marker.

Party documents write "a)", "1.", "-" and "+" as literal text at the body indent, never as
Word lists (pandoc would drop the typed marker and use Word numbering and bullets).
An ordered list's marker is rebuilt from its start number, style and delimiter. Pandoc does
not keep which bullet character was typed: the build marks "+" items with an empty
[]{.vk-plus} span at the start of the item (see vankien.publish.source); other items get "-".
]]
PANDOC_VERSION:must_be_at_least '3.1'

local PLUS_CLASS = 'vk-plus'

local function roman(n)
  local numerals = {
    { 1000, 'm' }, { 900, 'cm' }, { 500, 'd' }, { 400, 'cd' }, { 100, 'c' }, { 90, 'xc' },
    { 50, 'l' }, { 40, 'xl' }, { 10, 'x' }, { 9, 'ix' }, { 5, 'v' }, { 4, 'iv' }, { 1, 'i' },
  }
  local out = ''
  for _, pair in ipairs(numerals) do
    while n >= pair[1] do
      out = out .. pair[2]
      n = n - pair[1]
    end
  end
  return out
end

local function letters(n)
  local out = ''
  while n > 0 do
    local r = (n - 1) % 26
    out = string.char(97 + r) .. out
    n = (n - 1 - r) // 26
  end
  return out
end

local function ordered_marker(n, style, delim)
  local text = tostring(n)
  if style == 'LowerAlpha' then
    text = letters(n)
  elseif style == 'UpperAlpha' then
    text = letters(n):upper()
  elseif style == 'LowerRoman' then
    text = roman(n)
  elseif style == 'UpperRoman' then
    text = roman(n):upper()
  end
  if delim == 'OneParen' then
    return text .. ')'
  elseif delim == 'TwoParens' then
    return '(' .. text .. ')'
  end
  return text .. '.'
end

local flatten

-- The item's blocks as paragraphs, the first one starting with the marker.
local function item_blocks(marker, item)
  local out = pandoc.Blocks({})
  local blocks = flatten(item)
  local first = blocks[1]
  if first ~= nil and (first.t == 'Para' or first.t == 'Plain') then
    local inlines = first.content
    if #inlines > 0 and inlines[1].t == 'Span' and inlines[1].classes:includes(PLUS_CLASS) then
      inlines:remove(1)
      marker = '+'
    end
    if #inlines > 0 and inlines[1].t == 'Space' then
      inlines:remove(1)
    end
    out:insert(pandoc.Para(pandoc.Inlines({ pandoc.Str(marker), pandoc.Space() }) .. inlines))
    for i = 2, #blocks do
      out:insert(blocks[i])
    end
  else
    out:insert(pandoc.Para({ pandoc.Str(marker) }))
    out:extend(blocks)
  end
  return out
end

flatten = function(blocks)
  local out = pandoc.Blocks({})
  for _, block in ipairs(blocks) do
    if block.t == 'OrderedList' then
      local n = block.listAttributes.start
      for _, item in ipairs(block.content) do
        local marker = ordered_marker(n, block.listAttributes.style, block.listAttributes.delimiter)
        out:extend(item_blocks(marker, item))
        n = n + 1
      end
    elseif block.t == 'BulletList' then
      for _, item in ipairs(block.content) do
        out:extend(item_blocks('-', item))
      end
    elseif block.t == 'Plain' then
      out:insert(pandoc.Para(block.content))
    elseif block.t == 'Div' or block.t == 'BlockQuote' then
      block.content = flatten(block.content)
      out:insert(block)
    else
      out:insert(block)
    end
  end
  return out
end

local function Pandoc(doc)
  doc.blocks = flatten(doc.blocks)
  return doc
end

return {
  { Pandoc = Pandoc },
}
