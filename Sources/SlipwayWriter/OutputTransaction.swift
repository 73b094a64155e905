import SlipwayModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a whole run — every environment folder, the removal of folders no longer declared, and
/// the workflow files — all or nothing, under the output's ``OutputLock``:
///
/// 1. Recover: a journal left by an interrupted run is rolled back, then hidden staging, old and
///    trash entries are deleted (no other run can be using them: the lock is held).
/// 2. Stage: each changed folder is built in a hidden sibling (unchanged files hard-linked from
///    the old tree), each changed workflow in a hidden file beside it. Nothing visible changes.
/// 3. Journal: one line per step of the commit, written atomically to `.slipway-journal`.
/// 4. Commit: folders are swapped in (`renameat2(RENAME_EXCHANGE)`, or rename aside and in),
///    created, or renamed aside to a trash name; workflows are renamed over their targets after a
///    hard link keeps the old file. A failure undoes the steps done, in reverse.
/// 5. The journal is removed: this is the commit point. Old trees, trash and backups are deleted.
///
/// A crash before step 5 leaves the journal, and the next run (or `check`) rolls back to the old
/// state; a crash after it leaves only hidden leftovers. Every tree is complete old or complete new.
public enum OutputTransaction {
    public static let journalName = ".slipway-journal"

    /// What to write.
    public struct Plan: Sendable {
        /// The output folder (absolute).
        public var output: String
        /// Environment folders and their complete content.
        public var folders: [String: [String: String]]
        /// Environment folders to remove.
        public var removals: [String]
        /// The workflows folder (absolute), the workflow files to have there, and the ones to remove.
        public var workflowsFolder: String?
        public var workflows: [String: String]
        public var workflowRemovals: [String]

        public init(
            output: String, folders: [String: [String: String]], removals: [String] = [],
            workflowsFolder: String? = nil, workflows: [String: String] = [:], workflowRemovals: [String] = []
        ) {
            self.output = output
            self.folders = folders
            self.removals = removals
            self.workflowsFolder = workflowsFolder
            self.workflows = workflows
            self.workflowRemovals = workflowRemovals
        }
    }

    /// What the commit did.
    public struct Outcome: Equatable, Sendable {
        public var written: [String] = []
        public var unchanged: [String] = []
        public var removed: [String] = []
        public var filesWritten = 0
        public var filesUnchanged = 0
        public var workflowsWritten: [String] = []
        public var workflowsRemoved: [String] = []
        /// Whether an interrupted run's journal was rolled back first.
        public var recovered = false
    }

    /// One step of the commit, as the journal records it (paths relative to the output folder).
    enum Step: Equatable {
        /// Swap `staged` (inode `inode`) in for `name`; with the rename fallback the old tree goes to `retired`.
        case replace(name: String, staged: String, inode: UInt64, retired: String)
        case create(name: String, staged: String, inode: UInt64)
        case remove(name: String, trash: String)
        /// Workflow files: `path` and its companions, relative to the output folder.
        case replaceFile(path: String, staged: String, backup: String)
        case createFile(path: String, staged: String, inode: UInt64)
        case removeFile(path: String, trash: String)

        var line: String {
            switch self {
            case .replace(let name, let staged, let inode, let retired):
                ["replace", name, staged, String(inode), retired].joined(separator: "\t")
            case .create(let name, let staged, let inode):
                ["create", name, staged, String(inode)].joined(separator: "\t")
            case .remove(let name, let trash): ["remove", name, trash].joined(separator: "\t")
            case .replaceFile(let path, let staged, let backup):
                ["replace-file", path, staged, backup].joined(separator: "\t")
            case .createFile(let path, let staged, let inode):
                ["create-file", path, staged, String(inode)].joined(separator: "\t")
            case .removeFile(let path, let trash): ["remove-file", path, trash].joined(separator: "\t")
            }
        }

        init?(line: Substring) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch (fields.first, fields.count) {
            case ("replace", 5):
                guard let inode = UInt64(fields[3]) else { return nil }
                self = .replace(name: fields[1], staged: fields[2], inode: inode, retired: fields[4])
            case ("create", 4):
                guard let inode = UInt64(fields[3]) else { return nil }
                self = .create(name: fields[1], staged: fields[2], inode: inode)
            case ("remove", 3): self = .remove(name: fields[1], trash: fields[2])
            case ("replace-file", 4): self = .replaceFile(path: fields[1], staged: fields[2], backup: fields[3])
            case ("create-file", 4):
                guard let inode = UInt64(fields[3]) else { return nil }
                self = .createFile(path: fields[1], staged: fields[2], inode: inode)
            case ("remove-file", 3): self = .removeFile(path: fields[1], trash: fields[2])
            default: return nil
            }
        }
    }

    // MARK: recovery

    /// Rolls back the commit a previous run left unfinished, then deletes hidden leftovers of
    /// interrupted runs. Call with the lock held.
    /// - Returns: whether a journal was rolled back.
    @discardableResult
    public static func recover(output: String, workflowsFolder: String? = nil) throws -> Bool {
        let journal = output + "/" + journalName
        var rolledBack = false
        if let text = OutputFolder.contents(of: journal) {
            let steps = text.split(separator: "\n").compactMap(Step.init(line:))
            for step in steps.reversed() { try undo(step, output: output) }
            try FileSystem.unlink(journal)
            rolledBack = true
        }
        try removeLeftovers(in: output)
        if let workflowsFolder { try removeLeftovers(in: workflowsFolder) }
        return rolledBack
    }

    /// Hidden entries of interrupted runs: `.X.slipway-new-*`, `.X.slipway-old-*`, `.X.slipway-trash-*`.
    static func removeLeftovers(in folder: String) throws {
        for name in FileSystem.names(in: folder) where name.hasPrefix(".") && isLeftover(name) {
            try FileSystem.removeTree(folder + "/" + name)
        }
    }

    static func isLeftover(_ name: String) -> Bool {
        name.contains(".slipway-new-") || name.contains(".slipway-old-") || name.contains(".slipway-trash-")
    }

    /// Puts back what `step` may have changed; safe to run whether or not the step happened.
    static func undo(_ step: Step, output: String) throws {
        func path(_ relative: String) -> String { output + "/" + relative }
        switch step {
        case .replace(let name, let staged, let inode, let retired):
            let live = path(name)
            if FileSystem.inode(live) == inode {
                if FileSystem.exists(path(retired)) {
                    try FileSystem.rename(live, path(staged))
                    try FileSystem.rename(path(retired), live)
                } else if !AtomicSwap.exchange(path(staged), live) {
                    throw WriteFailure(path: live, reason: "could not swap the previous folder back")
                }
            } else if !FileSystem.exists(live), FileSystem.exists(path(retired)) {
                try FileSystem.rename(path(retired), live)
            }
            try FileSystem.removeTree(path(staged))
            try FileSystem.removeTree(path(retired))
        case .create(let name, let staged, let inode):
            if FileSystem.inode(path(name)) == inode { try FileSystem.rename(path(name), path(staged)) }
            try FileSystem.removeTree(path(staged))
        case .remove(let name, let trash):
            if !FileSystem.exists(path(name)), FileSystem.exists(path(trash)) {
                try FileSystem.rename(path(trash), path(name))
            }
        case .replaceFile(let file, let staged, let backup):
            if FileSystem.exists(path(backup)) { try FileSystem.rename(path(backup), path(file)) }
            try FileSystem.unlink(path(staged))
        case .createFile(let file, let staged, let inode):
            if FileSystem.inode(path(file)) == inode { try FileSystem.unlink(path(file)) }
            try FileSystem.unlink(path(staged))
        case .removeFile(let file, let trash):
            if !FileSystem.exists(path(file)), FileSystem.exists(path(trash)) {
                try FileSystem.rename(path(trash), path(file))
            }
        }
    }

    // MARK: commit

    /// Writes `plan` all or nothing. Call with the lock held, after ``recover(output:workflowsFolder:)``.
    public static func commit(_ plan: Plan, faults: FaultInjection = .none) throws -> Outcome {
        let output = plan.output
        try FileSystem.makeDirectories(output)
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var outcome = Outcome()
        var steps: [Step] = []
        var staged: [String] = []
        do {
            // Stage the folders, in parallel: each is independent of the others.
            let names = plan.folders.keys.sorted()
            let counter = StagedFileCounter()
            let results = ParallelSlots<Result<StagedFolder?, WriteFailure>>.map(names.count) { index in
                Result { () throws(WriteFailure) in
                    try stage(
                        names[index], files: plan.folders[names[index]]!, output: output, token: token,
                        faults: faults, counter: counter)
                }
            }
            for (index, name) in names.enumerated() {
                guard let folder = try results[index].get() else {
                    outcome.unchanged.append(name)
                    outcome.filesUnchanged += plan.folders[name]!.count
                    continue
                }
                staged.append(folder.staged)
                outcome.written.append(name)
                outcome.filesWritten += folder.written
                outcome.filesUnchanged += folder.linked
                let inode = FileSystem.inode(output + "/" + folder.staged) ?? 0
                steps.append(
                    folder.replacing
                        ? .replace(
                            name: name, staged: folder.staged, inode: inode, retired: ".\(name).slipway-old-\(token)")
                        : .create(name: name, staged: folder.staged, inode: inode))
            }
            for name in plan.removals.sorted() where FileSystem.exists(output + "/" + name) {
                steps.append(.remove(name: name, trash: ".\(name).slipway-trash-\(token)"))
                outcome.removed.append(name)
            }
            if let folder = plan.workflowsFolder {
                steps += try stageWorkflows(plan, folder: folder, token: token, outcome: &outcome)
            }
            guard !steps.isEmpty else { return outcome }
            try writeJournal(steps, output: output, token: token)
        } catch {
            for step in steps { try? undo(step, output: output) }
            for folder in staged { try? FileSystem.removeTree(output + "/" + folder) }
            throw error
        }
        var done: [Step] = []
        do {
            for step in steps {
                try perform(step, output: output)
                done.append(step)
                faults.after(.swap, step: done.count)
            }
        } catch {
            // Undo what was done, newest first, then drop the journal: the old state stands.
            var undoFailure: (any Error)?
            for step in steps.reversed() {
                do { try undo(step, output: output) } catch { undoFailure = undoFailure ?? error }
            }
            if undoFailure == nil { try? FileSystem.unlink(output + "/" + journalName) }
            throw error
        }
        // The commit point: from here on, the new state stands.
        try FileSystem.unlink(output + "/" + journalName)
        var cleaned = 0
        for step in steps {
            let leftovers: [String]
            switch step {
            case .replace(_, let staged, _, let retired): leftovers = [staged, retired]
            case .create: leftovers = []
            case .remove(_, let trash): leftovers = [trash]
            case .replaceFile(_, _, let backup): leftovers = [backup]
            case .createFile: leftovers = []
            case .removeFile(_, let trash): leftovers = [trash]
            }
            for leftover in leftovers where FileSystem.exists(output + "/" + leftover) {
                try FileSystem.removeTree(output + "/" + leftover)
                cleaned += 1
                faults.after(.cleanup, step: cleaned)
            }
        }
        return outcome
    }

    /// Carries out one step of the commit.
    static func perform(_ step: Step, output: String) throws {
        func path(_ relative: String) -> String { output + "/" + relative }
        switch step {
        case .replace(let name, let staged, _, let retired):
            if !AtomicSwap.exchange(path(staged), path(name)) {
                try FileSystem.rename(path(name), path(retired))
                try FileSystem.rename(path(staged), path(name))
            }
        case .create(let name, let staged, _):
            try FileSystem.rename(path(staged), path(name))
        case .remove(let name, let trash):
            try FileSystem.rename(path(name), path(trash))
        case .replaceFile(let file, let staged, let backup):
            try FileSystem.link(path(file), path(backup))
            try FileSystem.rename(path(staged), path(file))
        case .createFile(let file, let staged, _):
            try FileSystem.rename(path(staged), path(file))
        case .removeFile(let file, let trash):
            try FileSystem.rename(path(file), path(trash))
        }
    }

    struct StagedFolder: Sendable {
        var staged: String
        var replacing: Bool
        var written = 0
        var linked = 0
    }

    /// Counts staged files across the parallel stagers, for `SLIPWAY_FAIL_AFTER_FILES`.
    final class StagedFileCounter: @unchecked Sendable {
        private var count = 0
        private var mutex = pthread_mutex_t()
        init() { pthread_mutex_init(&mutex, nil) }
        deinit { pthread_mutex_destroy(&mutex) }
        func increment() -> Int {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            count += 1
            return count
        }
    }

    /// Builds `name`'s new tree in a hidden sibling; nil when the folder already holds exactly `files`.
    static func stage(
        _ name: String, files: [String: String], output: String, token: String, faults: FaultInjection,
        counter: StagedFileCounter
    ) throws(WriteFailure) -> StagedFolder? {
        let live = output + "/" + name
        let exists = FileSystem.isDirectory(live)
        let old = exists ? OutputFolder.read(path: live) : [:]
        if exists, old == files { return nil }
        var folder = StagedFolder(staged: ".\(name).slipway-new-\(token)", replacing: exists)
        let root = output + "/" + folder.staged
        do {
            try FileSystem.makeDirectories(root)
            var directories: Set<Substring> = []
            for (path, content) in files.sorted(by: { $0.key < $1.key }) {
                let target = root + "/" + path
                if let slash = target.lastIndex(of: "/"), directories.insert(target[..<slash]).inserted {
                    try FileSystem.makeDirectories(String(target[..<slash]))
                }
                if old[path] == content {
                    try FileSystem.link(live + "/" + path, target)
                    folder.linked += 1
                } else {
                    var content = content
                    try content.withUTF8 {
                        try FileSystem.writeNewFile(
                            target, UnsafeRawBufferPointer($0), executable: path.hasSuffix(".sh"))
                    }
                    folder.written += 1
                }
                faults.afterStaging(counter.increment())
            }
        } catch let failure as WriteFailure {
            try? FileSystem.removeTree(root)
            throw failure
        } catch {
            try? FileSystem.removeTree(root)
            throw WriteFailure(path: root, reason: "\(error)")
        }
        return folder
    }

    /// Stages the changed workflow files beside their targets and returns their steps.
    static func stageWorkflows(_ plan: Plan, folder: String, token: String, outcome: inout Outcome) throws -> [Step] {
        let prefix = relativePath(from: plan.output, to: folder)
        var steps: [Step] = []
        if !plan.workflows.isEmpty { try FileSystem.makeDirectories(folder) }
        for name in plan.workflows.keys.sorted() {
            let target = folder + "/" + name
            let content = plan.workflows[name]!
            if OutputFolder.contents(of: target) == content { continue }
            let stagedName = ".\(name).slipway-new-\(token)"
            var bytes = content
            try bytes.withUTF8 {
                try FileSystem.writeNewFile(folder + "/" + stagedName, UnsafeRawBufferPointer($0), executable: false)
            }
            if FileSystem.exists(target) {
                steps.append(
                    .replaceFile(
                        path: prefix + name, staged: prefix + stagedName,
                        backup: prefix + ".\(name).slipway-old-\(token)"))
            } else {
                steps.append(
                    .createFile(
                        path: prefix + name, staged: prefix + stagedName,
                        inode: FileSystem.inode(folder + "/" + stagedName) ?? 0))
            }
            outcome.workflowsWritten.append(name)
        }
        for name in plan.workflowRemovals.sorted() where FileSystem.exists(folder + "/" + name) {
            steps.append(.removeFile(path: prefix + name, trash: prefix + ".\(name).slipway-trash-\(token)"))
            outcome.workflowsRemoved.append(name)
        }
        return steps
    }

    static func writeJournal(_ steps: [Step], output: String, token: String) throws {
        let text = steps.map(\.line).joined(separator: "\n") + "\n"
        let temporary = output + "/.slipway-journal.slipway-new-\(token)"
        var bytes = text
        try bytes.withUTF8 { try FileSystem.writeNewFile(temporary, UnsafeRawBufferPointer($0), executable: false) }
        try FileSystem.rename(temporary, output + "/" + journalName)
    }

    /// `to` relative to `from` (both absolute and standardized), ending in `/` when not empty.
    static func relativePath(from: String, to: String) -> String {
        let base = from.split(separator: "/")
        let target = to.split(separator: "/")
        var common = 0
        while common < base.count, common < target.count, base[common] == target[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
    }
}
