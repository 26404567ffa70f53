import ReconCLI

Recon.main()
