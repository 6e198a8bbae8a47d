/// The shell: grammar, commands, completion, line editing.
