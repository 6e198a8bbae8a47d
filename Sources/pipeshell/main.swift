import PipelineShell

print("pipeshell")
