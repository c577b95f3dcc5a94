--[[
Run by vankien after every other filter, when the build keeps the filtered document in the
report's cache (vankien/publish/filtered.py). It writes the document exactly as the writer is
about to receive it, as pandoc's JSON, to the file named by $VANKIEN_KEEP_FILTERED, and then
writes the line $VANKIEN_KEEP_MARK on stderr: what pandoc reports after that line comes from
the writer, what came before it from the reader and the filters. It changes nothing in the
document. A file it cannot write is left unwritten, without the mark: the build goes on and
keeps nothing.
]]

local function Pandoc(doc)
  local path = os.getenv('VANKIEN_KEEP_FILTERED')
  if path == nil or path == '' then
    return nil
  end
  local handle = io.open(path, 'wb')
  if handle == nil then
    return nil
  end
  local written = handle:write(pandoc.write(doc, 'json'))
  local closed = handle:close()
  if written and closed then
    io.stderr:write((os.getenv('VANKIEN_KEEP_MARK') or '') .. '\n')
    io.stderr:flush()
  end
  return nil
end

return {
  { Pandoc = Pandoc },
}
