--[[
anchors.lua — every paragraph, heading, list item and table cell gets an invisible anchor: an
empty span whose identifier names the skeleton file and line it came from («vk03L120»), which
pandoc's docx writer turns into a bookmark; the build's post-processing hides it (renames it
«_vk03L120»: pandoc would hash a name starting with «_»). A reviewed copy
sent back from Word is read through them (vankien.word.anchors has the naming scheme).

The build asks for anchors with metadata vk-anchor-files («NN:start:skipped» per skeleton
file, ";"-separated: the file's first line is line «start» of the joined text, after «skipped»
leading blank lines were cut; a file with lines the build inserted has one entry per stretch,
and «--:start:0» entries for the inserted lines, which get no anchor) and vk-anchor-reader
(the build's reader). The document itself is read without sourcepos; this filter reads the
same input file once more with «+sourcepos», which wraps every inline in a «wrapper» Span
carrying «data-pos», and takes from that reading only the line each paragraph, plain block and
heading starts on (its first positioned inline). The two readings have the same blocks in the
same order, so the n-th block of one gets the line of the n-th block of the other. Walking
only those blocks, and never unwrapping sourcepos' wrappers, is what makes it cheap (the
unwrapping took ~0.7 s of a 1.5 s build). Every later filter sees the document it would see
without anchors, plus the anchor spans (class «vk-anchor», always the last inline of their
block). Runs first. Without vk-anchor-files it only takes its metadata away.
]]
PANDOC_VERSION:must_be_at_least '3.1'

local stringify = pandoc.utils.stringify
local CLASS = 'vk-anchor'

local files = {}
local used = {}

local function parse_files(text)
  local out = {}
  for prefix, start, skipped in text:gmatch('([%d%-][%d%-]):(%d+):(%d+)') do
    out[#out + 1] = { prefix = prefix, start = tonumber(start), skipped = tonumber(skipped) }
  end
  return out
end

-- The skeleton file prefix and its line for a line of the joined text.
local function locate(line)
  local found = nil
  for _, file in ipairs(files) do
    if file.start <= line then
      found = file
    end
  end
  if found == nil or found.prefix == '--' then
    -- before the first file, or lines the build inserted (a target table): no writer's line
    return nil, nil
  end
  return found.prefix, line - found.start + 1 + found.skipped
end

-- The line the first positioned inline of a block starts on: sourcepos wraps every inline in
-- a «wrapper» Span carrying data-pos.
local function first_line(inlines)
  for _, inline in ipairs(inlines) do
    if inline.t == 'Span' and inline.attributes['wrapper'] == '1' then
      -- "12:1-12:5", or "name@12:1-12:5" when pandoc read a named file
      local pos = (inline.attributes['data-pos'] or ''):gsub('^[^@]*@', '')
      local line = pos:match('^(%d+):')
      if line ~= nil then
        return tonumber(line)
      end
    end
  end
  return false -- no position: the block gets no anchor
end

-- The anchor span of a block that starts on joined line ``line``, or nil.
local function anchor(line)
  if not line then
    return nil
  end
  local prefix, file_line = locate(line)
  if prefix == nil then
    return nil
  end
  local base = 'vk' .. prefix .. 'L' .. tostring(file_line)
  local rank = (used[base] or 0) + 1
  used[base] = rank
  local name = rank == 1 and base or (base .. '_' .. tostring(rank))
  return pandoc.Span({}, { id = name, class = CLASS })
end

-- The source text pandoc read (the build passes one file).
local function source_text()
  local parts = {}
  for _, path in ipairs(PANDOC_STATE.input_files) do
    local handle = assert(io.open(path, 'rb'))
    parts[#parts + 1] = handle:read('a')
    handle:close()
  end
  return table.concat(parts, '\n')
end

-- The type and first line of every paragraph, plain block and heading of ``text``, in
-- top-down order, read with sourcepos; ``offset`` is added to the lines.
local function positions(text, reader, offset, found)
  local function record(el)
    local line = first_line(el.content)
    found[#found + 1] = { t = el.t, line = line and line + offset }
  end
  pandoc.read(text, reader .. '+sourcepos'):walk({
    traverse = 'topdown',
    Para = record,
    Plain = record,
    Header = record,
  })
  return found
end

-- The same, reading one skeleton file's stretch of the text at a time: sourcepos makes a reading ~5 times bigger, and a whole long report read at once
-- took 3 times the memory of the build without anchors.
local function positions_by_stretch(text, reader)
  local lines = {}
  for line in (text .. '\n'):gmatch('([^\n]*)\n') do
    lines[#lines + 1] = line
  end
  -- where a skeleton file starts (not where the build's inserted lines start or end: a
  -- target table is read with the text around it)
  local starts = { 1 }
  local previous = nil
  for _, file in ipairs(files) do
    if file.prefix ~= '--' and file.prefix ~= previous then
      if file.start > starts[#starts] and file.start <= #lines then
        starts[#starts + 1] = file.start
      end
      previous = file.prefix
    end
  end
  local found = {}
  for i, start in ipairs(starts) do
    local stop = (starts[i + 1] or (#lines + 1)) - 1
    positions(table.concat(lines, '\n', start, stop), reader, start - 1, found)
    collectgarbage()
  end
  return found
end

-- ``doc`` with an anchor span in each block of ``found``; nil when its blocks are not those
-- of ``found`` (types, order, number).
local function anchored(doc, found)
  used = {}
  local n = 0
  local lost = false
  local function add(el)
    n = n + 1
    local at = found[n]
    if lost or at == nil or at.t ~= el.t then
      lost = true
      return nil
    end
    local span = anchor(at.line)
    if span == nil then
      return nil
    end
    el.content:insert(span)
    return el
  end
  local out = doc:walk({ traverse = 'topdown', Para = add, Plain = add, Header = add })
  if lost or n ~= #found then
    return nil
  end
  return out
end

local function Pandoc(doc)
  local spec = doc.meta['vk-anchor-files']
  local reader = doc.meta['vk-anchor-reader']
  doc.meta['vk-anchor-files'] = nil
  doc.meta['vk-anchor-reader'] = nil
  if spec == nil or reader == nil then
    return doc
  end
  files = parse_files(stringify(spec))
  reader = stringify(reader)
  local text = source_text()
  -- Read file by file, unless a file does not stand alone (a list or a footnote running
  -- across two files), which the blocks then show: then the whole text at once.
  local out = anchored(doc, positions_by_stretch(text, reader))
  if out == nil then
    collectgarbage()
    out = anchored(doc, positions(text, reader, 0, {}))
  end
  if out == nil then
    -- cannot happen while sourcepos adds only wrappers; if it ever does, no anchors rather
    -- than anchors naming the wrong lines
    warn('vankien: không gắn được mốc dòng nguồn cho các đoạn; nhận xét Word sẽ không tìm '
      .. 'về được dòng của tệp khung')
    return doc
  end
  return out
end

return {
  { Pandoc = Pandoc },
}
