package loader

// person returns the id of a lead id met outside leads.csv, adding an
// unknown person when needed and counting the dangling reference.
func (l *load) person(id, file, column string, line int) ID {
	// Exports usually list a person's rows together: skip the map then.
	if id == l.lastPerson && l.lastPersonID != NoID {
		return l.personAt(l.lastPersonID, file, column, line)
	}
	p := l.ds.People.Intern(id)
	// id points into the current batch of rows, which it keeps alive
	// until the next person: cheaper than reading Names[p] at random.
	l.lastPerson, l.lastPersonID = id, p
	if int(p) == len(l.ds.Leads) {
		l.ds.Leads = append(l.ds.Leads, Lead{CreatedAt: NoTime, MQLAt: NoTime, SQLAt: NoTime, DisqualifiedAt: NoTime})
		l.known = append(l.known, false)
	}
	return l.personAt(p, file, column, line)
}

// personAt returns person p, already among the people, counting a
// dangling reference when p is not in leads.csv.
func (l *load) personAt(p ID, file, column string, line int) ID {
	if !l.known[p] {
		l.dangle(file, column, line)
	}
	return p
}

func (l *load) dangle(file, column string, line int) {
	if l.dangling == nil {
		l.dangling = map[string][2]int{}
	}
	k := file + "\x00" + column + "\x00" + l.column(column)
	d := l.dangling[k]
	if d[0] == 0 {
		d[1] = line
	}
	d[0]++
	l.dangling[k] = d
}

// forgetPerson drops the person cached by person, whose id may point into
// a buffer about to be used again.
func (l *load) forgetPerson() {
	l.lastPerson, l.lastPersonID = "", NoID
}
