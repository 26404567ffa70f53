import ReconCore
print("stub")
