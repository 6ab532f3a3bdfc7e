from hromada.cli import main

main()
