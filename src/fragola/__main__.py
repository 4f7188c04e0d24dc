from fragola.cli import main

main()
