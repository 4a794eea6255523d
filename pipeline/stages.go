package pipeline

import "time"

// Stages is the time spent in each stage of Process, summed over the
// documents of a run: what `enduse bench` and the stage benchmarks report.
type Stages struct {
	Notice   time.Duration // notice fields: type, dates, parties, amounts
	Items    time.Duration // line items and their brand cells
	Mentions time.Duration // brand, product and model mentions; single-source reason
	Orgs     time.Duration // organisation analysis: sector, level, region, English
	Screen   time.Duration // screening against the lists
	Redact   time.Duration // personal data found and masked

	// Clock, when set, reads the time stages are measured in (a thread's
	// CPU time, say); nil means wall time.
	Clock func() time.Duration
}

// Add adds o's times to s.
func (s *Stages) Add(o Stages) {
	s.Notice += o.Notice
	s.Items += o.Items
	s.Mentions += o.Mentions
	s.Orgs += o.Orgs
	s.Screen += o.Screen
	s.Redact += o.Redact
}

// Named lists the stages in pipeline order with their names.
func (s *Stages) Named() []NamedStage {
	return []NamedStage{
		{"notice fields", s.Notice}, {"line items", s.Items}, {"mentions", s.Mentions},
		{"organisations", s.Orgs}, {"screening", s.Screen}, {"redaction", s.Redact},
	}
}

// NamedStage is one stage's name and time.
type NamedStage struct {
	Name string
	Time time.Duration
}

// The stages of Process, in order.
const (
	stageNotice = iota
	stageItems
	stageMentions
	stageOrgs
	stageScreen
	stageRedact
)

// field returns the time of stage i.
func (s *Stages) field(i int) *time.Duration {
	return [...]*time.Duration{&s.Notice, &s.Items, &s.Mentions, &s.Orgs, &s.Screen, &s.Redact}[i]
}

// stageClock measures consecutive stages; the clock of a nil *Stages
// measures nothing, so Process pays no clock reads.
type stageClock struct {
	t    *Stages
	now  func() time.Duration
	last time.Duration
}

// epoch anchors the wall clock of stages.
var epoch = time.Now()

func wallClock() time.Duration { return time.Since(epoch) }

func (s *Stages) start() stageClock {
	if s == nil {
		return stageClock{}
	}
	now := s.Clock
	if now == nil {
		now = wallClock
	}
	return stageClock{t: s, now: now, last: now()}
}

// lap adds the time since the last lap to stage i.
func (c *stageClock) lap(i int) {
	if c.t == nil {
		return
	}
	now := c.now()
	*c.t.field(i) += now - c.last
	c.last = now
}
