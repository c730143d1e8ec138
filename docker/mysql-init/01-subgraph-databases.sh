#!/bin/bash
# Runs once, when the MySQL volume is first created: one database and one user per subgraph,
# each user allowed into its own database only (what its migrations need, nothing more).
set -euo pipefail
for name in organization contact credential; do
  var="$(echo "$name" | tr a-z A-Z)_DB_PASSWORD"
  password="${!var:?$var must be set}"
  mysql -uroot -p"$MYSQL_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS \`ecg_${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${name}'@'%' IDENTIFIED BY '${password}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, REFERENCES, DROP ON \`ecg_${name}\`.* TO '${name}'@'%';
SQL
done
