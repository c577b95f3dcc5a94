--[[
guidance.lua — the outline's guidance (HƯỚNG DẪN) in drafts.

A skeleton section carries its guidance as an HTML comment right under the heading:
  <!-- HƯỚNG DẪN:
  lines…
  -->
In a draft (metadata vk-stage = "draft") the guidance of a section that is still unfilled
(nothing under its heading but placeholders, comments and sub-headings) is shown as paragraphs
in the "Guidance" style, labelled "Hướng dẫn:". Otherwise (filled, or the final stage) it is
dropped. Runs before placeholder.lua, which needs the placeholders to still be there.
The words after «<!--» («HƯỚNG DẪN:») come from the build as metadata vk-guidance-label
(vankien.skeleton.render.GUIDANCE_OPEN is their one definition).
]]
PANDOC_VERSION:must_be_at_least '3.1'

local stringify = pandoc.utils.stringify
local LABEL = 'Hướng dẫn:'
local STYLE = 'Guidance'
local MARK = nil -- set from vk-guidance-label: '^%s*<!%-%-%s*' and the label, escaped

local draft = false

local function guidance_lines(text)
  local inner = text:gsub(MARK, '', 1):gsub('%-%->%s*$', '')
  local lines = pandoc.List()
  for line in (inner .. '\n'):gmatch('([^\n]*)\n') do
    local trimmed = line:match('^%s*(.-)%s*$')
    if trimmed ~= '' then
      lines:insert(trimmed)
    end
  end
  return lines
end

local function is_guidance(block)
  return block.t == 'RawBlock' and block.format == 'html' and block.text:match(MARK) ~= nil
end

local function only_placeholders(inlines)
  for _, inline in ipairs(inlines) do
    local ok = inline.t == 'Space' or inline.t == 'SoftBreak' or inline.t == 'LineBreak'
      or (inline.t == 'Span' and inline.classes:includes('placeholder'))
    if not ok then
      return false
    end
  end
  return true
end

-- Does a block count as written content?
local function is_content(block)
  if block.t == 'Header' or block.t == 'RawBlock' then
    return false
  end
  if block.t == 'Para' or block.t == 'Plain' then
    return not only_placeholders(block.content)
  end
  return true
end

-- The section of the guidance at index i: from the heading above it to the next heading of
-- the same or a higher level (so a section whose sub-sections are written counts as filled).
local function section_filled(blocks, i)
  local level = 99
  for j = i - 1, 1, -1 do
    if blocks[j].t == 'Header' then
      level = blocks[j].level
      break
    end
  end
  for j = i + 1, #blocks do
    local block = blocks[j]
    if block.t == 'Header' and block.level <= level then
      break
    end
    if is_content(block) then
      return true
    end
  end
  return false
end

local function shown(text)
  local out = pandoc.List()
  for n, line in ipairs(guidance_lines(text)) do
    local inlines = pandoc.Inlines(line)
    if n == 1 then
      inlines = pandoc.Inlines({ pandoc.Strong(pandoc.Inlines(LABEL)), pandoc.Space() }) .. inlines
    end
    out:insert(pandoc.Para(inlines))
  end
  -- class vk-built: the build made these lines, anchors.lua gives them no anchor
  return pandoc.Div(out, { class = 'vk-built', ['custom-style'] = STYLE })
end

local function Meta(meta)
  draft = stringify(meta['vk-stage'] or '') == 'draft'
  local label = meta['vk-guidance-label']
  if label == nil then
    error('guidance.lua needs the metadata vk-guidance-label')
  end
  MARK = '^%s*<!%-%-%s*' .. stringify(label):gsub('%p', '%%%0')
  meta['vk-guidance-label'] = nil
  return meta
end

local function Pandoc(doc)
  local blocks = doc.blocks
  local out = pandoc.Blocks({})
  for i, block in ipairs(blocks) do
    if is_guidance(block) then
      if draft and not section_filled(blocks, i) then
        out:insert(shown(block.text))
      end
    else
      out:insert(block)
    end
  end
  doc.blocks = out
  return doc
end

return {
  { Meta = Meta },
  { Pandoc = Pandoc },
}
