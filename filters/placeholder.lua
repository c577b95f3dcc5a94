--[[
placeholder.lua — the "[Viết nội dung tại đây]{.placeholder}" spans of the skeleton.

In a draft (metadata vk-stage = "draft") they are kept and highlighted with the "Placeholder"
character style, so that the reader sees what is still to be written. In the final stage they
are removed, and a paragraph left empty by that is removed too (lint refuses a final report
that still has placeholders; this only makes sure none is ever printed).
]]
PANDOC_VERSION:must_be_at_least '3.1'

local stringify = pandoc.utils.stringify
local STYLE = 'Placeholder'

local draft = false
local removed = false -- whether any placeholder was removed: only then is there tidying to do

local function Meta(meta)
  draft = stringify(meta['vk-stage'] or '') == 'draft'
end

local function Span(span)
  if not span.classes:includes('placeholder') then
    return nil
  end
  if draft then
    span.attributes['custom-style'] = STYLE
    return span
  end
  removed = true
  return {}
end

-- A paragraph of only spaces and breaks is empty.
local function empty(inlines)
  for _, inline in ipairs(inlines) do
    local blank = inline.t == 'Space' or inline.t == 'SoftBreak' or inline.t == 'LineBreak'
    if not blank then
      return false
    end
  end
  return true
end

-- After a removal: no empty paragraph, no doubled or dangling spaces. Without a removal there
-- is nothing to tidy, and not reading every paragraph's inlines into Lua saves about 1 s on
-- the example report (pandoc 1.7 s -> 0.6 s).
local function tidy(block)
  if draft or not removed then
    return nil
  end
  if empty(block.content) then
    return {}
  end
  local out = pandoc.Inlines({})
  for _, inline in ipairs(block.content) do
    local space = inline.t == 'Space'
    if not (space and (#out == 0 or out[#out].t == 'Space')) then
      out:insert(inline)
    end
  end
  while #out > 0 and out[#out].t == 'Space' do
    out:remove(#out)
  end
  block.content = out
  return block
end

return {
  { Meta = Meta },
  { Span = Span },
  { Para = tidy, Plain = tidy },
}
