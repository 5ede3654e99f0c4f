import HuifangCore

extension Config {
    /// The department `id` names, or a usage error that lists the departments of huifang.yaml.
    func requireDepartment(_ id: String) throws -> Department {
        guard let d = department(id) else {
            throw CommandFailure.usage(Message("error.unknown-department", ["id": id]),
                                       hint: Message("hint.known-departments", ["known": departments.map(\.id).joined(separator: ", ")]))
        }
        return d
    }
}
