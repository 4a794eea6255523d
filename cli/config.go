package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/enduse/enduse/document"
)

// Config is enduse's configuration: defaults, then the config file, then
// the environment, then command-line flags. It is loaded once and passed
// explicitly.
type Config struct {
	DB          string   `json:"db"`           // SQLite file path or postgres:// DSN
	KBDirs      []string `json:"kb"`           // user knowledge-base directories
	Addr        string   `json:"addr"`         // serve address
	Token       string   `json:"token"`        // access token required when serving beyond loopback
	AllowIngest bool     `json:"allow_ingest"` // accept ingest over HTTP
	Workers     int      `json:"workers"`      // ingest workers (0 = one per CPU)
	Contact     string   `json:"contact"`      // crawler contact (mail or URL) sent in the User-Agent
	// AllowedHosts are the Host names the server answers to besides
	// loopback (DNS-rebinding defence); needed when serving beyond loopback.
	AllowedHosts []string `json:"allowed_hosts"`
	// ServeRaw serves stored originals (unmasked personal data) over HTTP,
	// to holders of the token only; off by default.
	ServeRaw bool `json:"serve_raw"`
	// Alerts are the targets watches deliver to (cli/watch.go).
	Alerts AlertConfig `json:"alerts"`
	// Budget bounds what one input may cost as it expands (see
	// document.Budget for the keys and defaults); zero keys keep their
	// defaults.
	Budget document.Budget `json:"budget"`
	// MemoryLimit is the memory, in bytes, that documents in flight
	// may take together in ingest; 0 means ingest.DefaultMemoryLimit.
	MemoryLimit int64 `json:"memory_limit"`
}

// defaultConfig is the embedded default: a SQLite file in the working
// directory and a server on loopback.
func defaultConfig() Config {
	return Config{DB: "enduse.db", Addr: "127.0.0.1:8080"}
}

// LoadConfig builds the configuration from defaults, the file named by
// ENDUSE_CONFIG (or ./enduse.json when present) and ENDUSE_* variables.
func LoadConfig(env Env) (Config, error) {
	cfg := defaultConfig()
	path := env.Getenv("ENDUSE_CONFIG")
	explicit := path != ""
	if !explicit {
		path = "enduse.json"
	}
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &cfg); err != nil {
			return cfg, fmt.Errorf("config %s: %w", path, err)
		}
	case errors.Is(err, fs.ErrNotExist) && !explicit:
	default:
		return cfg, fmt.Errorf("config: %w", err)
	}
	if v := env.Getenv("ENDUSE_DB"); v != "" {
		cfg.DB = v
	}
	if v := env.Getenv("ENDUSE_KB"); v != "" {
		cfg.KBDirs = filepath.SplitList(v)
	}
	if v := env.Getenv("ENDUSE_ADDR"); v != "" {
		cfg.Addr = v
	}
	if v := env.Getenv("ENDUSE_TOKEN"); v != "" {
		cfg.Token = v
	}
	if v := env.Getenv("ENDUSE_CONTACT"); v != "" {
		cfg.Contact = v
	}
	return cfg, cfg.validate()
}

func (c Config) validate() error {
	if strings.TrimSpace(c.DB) == "" {
		return errors.New("config: db is empty; give a SQLite file path or a postgres:// DSN")
	}
	if c.Workers < 0 {
		return fmt.Errorf("config: workers %d is negative", c.Workers)
	}
	if err := c.Alerts.validate(); err != nil {
		return err
	}
	if c.MemoryLimit < 0 {
		return fmt.Errorf("config: memory_limit %d is negative", c.MemoryLimit)
	}
	return nil
}
