from vankien.entry import run

run()
