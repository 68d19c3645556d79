// Serializes the maintenance of one organization: setting (and at once removing) a property takes the write
// lock on its node until the transaction ends, so two maintenances never interleave their reads and writes
// (the later one reads what the earlier one's writes saw, or more). The node itself is left as it was.
MATCH (o:Organization {id: $org})
SET o.coverageLock = true
REMOVE o.coverageLock
RETURN o.id AS org
