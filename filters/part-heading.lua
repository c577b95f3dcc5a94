--[[
part-heading.lua — "# Phần thứ nhất: TITLE" becomes two lines, as the rule lays out a part:
a centred "Phần thứ nhất" line (paragraph style "Part Line") and the title as the level-1
heading (style Heading 1: caps, bold, centred). The heading keeps its identifier.
]]
PANDOC_VERSION:must_be_at_least '3.1'

local LINE_STYLE = 'Part Line'

-- Index of the Str that ends the "Phần …" label with ":", or nil.
local function label_end(inlines)
  if #inlines == 0 or inlines[1].t ~= 'Str' or inlines[1].text ~= 'Phần' then
    return nil
  end
  for i, inline in ipairs(inlines) do
    if i > 6 then
      return nil
    end
    if inline.t == 'Str' and inline.text:sub(-1) == ':' then
      return i
    end
  end
  return nil
end

local function Header(header)
  if header.level ~= 1 then
    return nil
  end
  local stop = label_end(header.content)
  if stop == nil then
    return nil
  end
  local label = pandoc.Inlines({})
  for i = 1, stop do
    label:insert(header.content[i]:clone())
  end
  label[#label].text = label[#label].text:sub(1, -2)
  local title = pandoc.Inlines({})
  for i = stop + 1, #header.content do
    title:insert(header.content[i])
  end
  while #title > 0 and (title[1].t == 'Space' or title[1].t == 'SoftBreak') do
    title:remove(1)
  end
  if #title == 0 then
    warn('vankien: phần «' .. pandoc.utils.stringify(label) .. '» không có tên')
    return nil
  end
  header.content = title
  return {
    -- class vk-built: the build made this line, anchors.lua gives it no anchor
    pandoc.Div({ pandoc.Para(label) }, { class = 'vk-built', ['custom-style'] = LINE_STYLE }),
    header,
  }
end

return {
  { Header = Header },
}
