--[[
variables.lua — replaces {{name}} in the text with the unit's values.

The values come from report.yaml through the metadata list vk-var, each item "name=value"
(passed with -M, so that pandoc keeps them literal). An unknown name is left as it is, with a
warning; the linter reports it with its file and line.
]]
PANDOC_VERSION:must_be_at_least '3.1'

local stringify = pandoc.utils.stringify
local PATTERN = '{{([%w_]+)}}'

local values = {}

local function Meta(meta)
  local raw = meta['vk-var']
  if raw == nil then
    return nil
  end
  local items = type(raw) == 'string' and { raw } or raw
  for _, item in ipairs(items) do
    local text = stringify(item)
    local name, value = text:match('^([%w_]+)=(.*)$')
    if name ~= nil then
      values[name] = value
    end
  end
  return nil
end

local function substitute(text)
  return (text:gsub(PATTERN, function(name)
    local value = values[name]
    if value == nil then
      warn('vankien: biến {{' .. name .. '}} không có trong report.yaml, được giữ nguyên (chạy «vankien lint» để xem vị trí)')
      return nil
    end
    return value
  end))
end

local function Str(str)
  if not str.text:find('{{', 1, true) then
    return nil
  end
  local text = substitute(str.text)
  if text == str.text then
    return nil
  end
  return pandoc.Inlines(text)
end

return {
  { Meta = Meta },
  { Str = Str },
}
