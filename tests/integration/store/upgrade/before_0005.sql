BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0004');
CREATE TABLE api_tokens (
	id VARCHAR(32) NOT NULL, 
	district_id VARCHAR(64) NOT NULL, 
	name TEXT NOT NULL, 
	secret_hash VARCHAR(64) NOT NULL, 
	hint VARCHAR(8) NOT NULL, 
	created_at DATETIME NOT NULL, 
	created_by VARCHAR(120) NOT NULL, 
	last_used_at DATETIME, 
	revoked_at DATETIME, 
	CONSTRAINT pk_api_tokens PRIMARY KEY (id), 
	CONSTRAINT fk_api_tokens_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE, 
	CONSTRAINT uq_api_tokens_secret_hash UNIQUE (secret_hash)
);
CREATE TABLE assessments (
	district_id VARCHAR(64) NOT NULL, 
	id VARCHAR(200) NOT NULL, 
	classes JSON NOT NULL, 
	title TEXT NOT NULL, 
	type VARCHAR(200) NOT NULL, 
	scoring VARCHAR(16) NOT NULL, 
	points_possible FLOAT, 
	include_in_final_grade BOOLEAN NOT NULL, 
	assigned_by VARCHAR(200) NOT NULL, 
	assigned_on DATE NOT NULL, 
	due_on DATE, 
	description TEXT, 
	updated_at DATETIME NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	CONSTRAINT pk_assessments PRIMARY KEY (district_id, id), 
	CONSTRAINT ck_assessments_scoring CHECK (scoring IN ('points', 'standards')), 
	CONSTRAINT fk_assessments_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
)
 WITHOUT ROWID

;
INSERT INTO "assessments" VALUES('unified-1','A-100','["CLS-HS-1"]','Unit 3 Test','Test','points',20.0,1,'T-1','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-101','["CLS-HS-1"]','Chapter 7 Quiz','Quiz','points',10.0,1,'T-1','2026-10-27','2026-11-12',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-102','["CLS-HS-1"]','Reading Log Week 11','Homework','points',5.0,1,'T-1','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-200','["CLS-HS-1"]','Fractions Standards Check','Test','standards',NULL,1,'T-1','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-201','["CLS-HS-1"]','Lab Practical','Test','points',19.5,1,'T-1','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-202','["CLS-HS-1"]','Unit 3 Test: Ratios, Rates, Proportional Relationships and Percents','Test','points',20.0,1,'T-1','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-203','["CLS-HS-1"]','Practice Quiz (not counted)','Quiz','points',20.0,0,'T-1','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-204','["CLS-HS-1"]','Exit Ticket','Quiz','points',20.0,1,'T-1','2026-10-27',NULL,NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-205','["CLS-HS-1"]','District Benchmark Fall','Benchmark','points',20.0,1,'platform-admin-1','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-206','["CLS-HS-4"]','Vocabulary Quiz 4','Quiz','points',20.0,1,'T-7','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-207','["CLS-NOT-IN-SIS"]','Unit 3 Test','Test','points',20.0,1,'T-1','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-208','["CLS-HS-1"]','Lab Report 2','Lab','points',20.0,1,'T-1','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-209','["CLS-HS-1"]','Science Fair Project','Project','points',20.0,1,'T-1','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-210','["CLS-MS-4"]','Map Skills Quiz','Quiz','points',20.0,1,'T-8','2026-10-27','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-211','["CLS-HS-1"]','Summer Reading Check','Test','points',20.0,1,'T-1','2026-08-15','2026-08-23',NULL,'2026-08-15 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-212','["CLS-HS-1"]','Summer Bridge Packet','Test','points',20.0,1,'T-1','2026-10-27','2027-07-04',NULL,'2026-10-27 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-213','["CLS-HS-1"]','Long-Term Research Project','Test','points',20.0,1,'T-1','2026-10-13','2026-10-26',NULL,'2026-11-09 15:00:00.000000',0);
INSERT INTO "assessments" VALUES('unified-1','A-214','["CLS-HS-1"]','unit 3 test','Test','points',20.0,1,'T-1','2026-10-31','2026-11-03',NULL,'2026-10-27 15:00:00.000000',0);
CREATE TABLE audit_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	actor VARCHAR(120) NOT NULL, 
	district_id VARCHAR(64), 
	action VARCHAR(64) NOT NULL, 
	target TEXT NOT NULL, 
	details JSON NOT NULL, 
	CONSTRAINT pk_audit_log PRIMARY KEY (id), 
	CONSTRAINT fk_audit_log_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
);
CREATE TABLE districts (
	id VARCHAR(64) NOT NULL, 
	name TEXT NOT NULL, 
	timezone VARCHAR(64) NOT NULL, 
	config JSON NOT NULL, 
	secret_ciphertext BLOB, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_districts PRIMARY KEY (id)
);
INSERT INTO "districts" VALUES('unified-1','Unified School District (demo)','America/Chicago','{"sis": {"profile": "powerschool", "base_url": "http://127.0.0.1:43035/ims/oneroster/v1p1", "token_url": "http://127.0.0.1:43035/oauth/access_token", "client_id": "demo"}, "effective_date": "2026-08-20", "category_map": {"Benchmark": "Otus Assessment", "Homework": "Homework", "Project": "Projects", "Quiz": "Quizzes", "Test": "Tests"}, "passback_group": ["T-1", "T-10", "T-11", "T-12", "T-13", "T-14", "T-15", "T-2", "T-3", "T-4", "T-5", "T-6", "T-8", "T-9"], "closed_grading_periods": [], "contacts": ["it@unified.example.org"], "options": {"excluded_as": "skip", "sis_edits": "preserve", "nightly_at": "02:00", "on_change": false}}',NULL,'2026-12-06 04:25:45.998750','2026-12-06 04:25:45.998750');
CREATE TABLE group_members (
	district_id VARCHAR(64) NOT NULL, 
	sis_user_id VARCHAR(200) NOT NULL, 
	added_at DATETIME NOT NULL, 
	added_by VARCHAR(120) NOT NULL, 
	CONSTRAINT pk_group_members PRIMARY KEY (district_id, sis_user_id), 
	CONSTRAINT fk_group_members_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
);
CREATE TABLE learned_closed_periods (
	district_id VARCHAR(64) NOT NULL, 
	period_id VARCHAR(200) NOT NULL, 
	learned_at DATETIME NOT NULL, 
	message TEXT NOT NULL, 
	CONSTRAINT pk_learned_closed_periods PRIMARY KEY (district_id, period_id), 
	CONSTRAINT fk_learned_closed_periods_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
);
INSERT INTO "learned_closed_periods" VALUES('unified-1','GP-HS-Q1','2026-12-06 04:25:49.517274','Grading period GP-HS-Q1 is closed: lineItem ''pbl-9a7a2aa16c1e4c042999a9eb'' runs from assignDate 2026-10-13 to dueDate 2026-10-26, which overlaps it (2026-08-17 to 2026-10-16)');
CREATE TABLE ledger (
	district_id VARCHAR(64) NOT NULL, 
	sourced_id VARCHAR(200) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	assessment_id VARCHAR(200) NOT NULL, 
	class_id VARCHAR(200) NOT NULL, 
	student_id VARCHAR(200), 
	line_item_id VARCHAR(200), 
	content_hash VARCHAR(128) NOT NULL, 
	score FLOAT, 
	score_status VARCHAR(32), 
	category VARCHAR(200), 
	grading_period VARCHAR(200), 
	written_at DATETIME NOT NULL, 
	CONSTRAINT pk_ledger PRIMARY KEY (district_id, sourced_id), 
	CONSTRAINT ck_ledger_kind CHECK (kind IN ('lineItem', 'result')), 
	CONSTRAINT fk_ledger_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
)
 WITHOUT ROWID

;
INSERT INTO "ledger" VALUES('unified-1','pbl-2bf9aee26d3b00e23fb5301c','lineItem','A-100','CLS-HS-1',NULL,NULL,'3af2469d0b68ebc5d9c3d20750be9d98',NULL,NULL,'CAT-T-1-TESTS','GP-HS-Q2','2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbl-93e056ecb2679da6f99fceac','lineItem','A-102','CLS-HS-1',NULL,NULL,'116567684d162941055a2553f07c9218',NULL,NULL,'CAT-T-1-HOMEWORK','GP-HS-Q2','2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbl-cd9bf65151e2722d68881647','lineItem','A-101','CLS-HS-1',NULL,NULL,'67f6a645327bd4398eadaf2990bf394c',NULL,NULL,'CAT-T-1-QUIZZES','GP-HS-Q2','2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-2f565475ffea62c107bf7677c736','result','A-101','CLS-HS-1','S-1','pbl-cd9bf65151e2722d68881647','=fully graded9.02026-11-07',9.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-2f565475ffea62c18ccc1b75ff57','result','A-101','CLS-HS-1','S-11','pbl-cd9bf65151e2722d68881647','=fully graded6.02026-11-07',6.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-2f565475ffea62c1ba53f4b1286b','result','A-101','CLS-HS-1','S-103','pbl-cd9bf65151e2722d68881647','=fully graded7.02026-11-07',7.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-2f565475ffea62c1d9a34c420b76','result','A-101','CLS-HS-1','S-111','pbl-cd9bf65151e2722d68881647','=fully graded9.02026-11-07',9.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-2f565475ffea62c1e21546e55c9d','result','A-101','CLS-HS-1','S-101','pbl-cd9bf65151e2722d68881647','=fully graded8.02026-11-07',8.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba03c8b2e50555','result','A-100','CLS-HS-1','S-213','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba07bf7677c736','result','A-100','CLS-HS-1','S-1','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba09e622b9a82b','result','A-100','CLS-HS-1','S-217','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba0ca586382479','result','A-100','CLS-HS-1','S-125','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba12388191c1db','result','A-100','CLS-HS-1','S-29','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba148bbab9da39','result','A-100','CLS-HS-1','S-267','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba16f77d8d6e5e','result','A-100','CLS-HS-1','S-225','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba19fdafcd3705','result','A-100','CLS-HS-1','S-315','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba1f8c554eb0c7','result','A-100','CLS-HS-1','S-231','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba2080f470c94a','result','A-100','CLS-HS-1','S-179','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba20a7e7fa134f','result','A-100','CLS-HS-1','S-399','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba214605a373f7','result','A-100','CLS-HS-1','S-129','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba2593450a999a','result','A-100','CLS-HS-1','S-375','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba268ba1f8bb7e','result','A-100','CLS-HS-1','S-301','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba294edeb8174e','result','A-100','CLS-HS-1','S-69','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba38bccf0bf990','result','A-100','CLS-HS-1','S-39','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba39bf078e2738','result','A-100','CLS-HS-1','S-171','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba3a7091422eda','result','A-100','CLS-HS-1','S-373','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba3ad7df649283','result','A-100','CLS-HS-1','S-13','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba3bec103a4008','result','A-100','CLS-HS-1','S-341','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba3c9632ef662d','result','A-100','CLS-HS-1','S-307','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba41c0eab69242','result','A-100','CLS-HS-1','S-325','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba44a6e2ef3bfc','result','A-100','CLS-HS-1','S-329','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba456b0caf8a84','result','A-100','CLS-HS-1','S-119','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba4e9364af0282','result','A-100','CLS-HS-1','S-299','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba5bf86feebdd4','result','A-100','CLS-HS-1','S-261','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba5c21e4c40fc4','result','A-100','CLS-HS-1','S-229','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba5cc73c7f60a4','result','A-100','CLS-HS-1','S-151','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba636294fbc729','result','A-100','CLS-HS-1','S-21','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba6e9730fdc164','result','A-100','CLS-HS-1','S-185','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba729e45571b4a','result','A-100','CLS-HS-1','S-321','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba733227db68b2','result','A-100','CLS-HS-1','S-137','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba799174b2a4eb','result','A-100','CLS-HS-1','S-287','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba79dd1a60ac6d','result','A-100','CLS-HS-1','S-383','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba7a5f5c50deab','result','A-100','CLS-HS-1','S-73','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba7c434cb4ab89','result','A-100','CLS-HS-1','S-81','pbl-2bf9aee26d3b00e23fb5301c','=fully graded22.02026-11-08Extra credit: bonus essay',22.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba7df6b0d72095','result','A-100','CLS-HS-1','S-363','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba7f3a4a4d95ae','result','A-100','CLS-HS-1','S-337','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba887e9bbbe9fe','result','A-100','CLS-HS-1','S-5','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba8ccc1b75ff57','result','A-100','CLS-HS-1','S-11','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba8dfc6ce13b0c','result','A-100','CLS-HS-1','S-291','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba9325932ab3a1','result','A-100','CLS-HS-1','S-305','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba97bc7de0c7bf','result','A-100','CLS-HS-1','S-197','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba9a3ee638359a','result','A-100','CLS-HS-1','S-181','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba9ab7680c9b7a','result','A-100','CLS-HS-1','S-33','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba9afd4d5244b1','result','A-100','CLS-HS-1','S-247','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba9b990f87cef6','result','A-100','CLS-HS-1','S-345','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba9bca8d210834','result','A-100','CLS-HS-1','S-115','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba9c9af09f5cdb','result','A-100','CLS-HS-1','S-49','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba9e94758c9b55','result','A-100','CLS-HS-1','S-205','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4ba9eb39f18f016','result','A-100','CLS-HS-1','S-97','pbl-2bf9aee26d3b00e23fb5301c','=not submitted0.02026-11-03',0.0,'not submitted',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baa03caef3546a','result','A-100','CLS-HS-1','S-249','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baa146822ba33c','result','A-100','CLS-HS-1','S-79','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baa152e4a2eec8','result','A-100','CLS-HS-1','S-223','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baa1d0059d9a48','result','A-100','CLS-HS-1','S-51','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baa2a3f3a997b6','result','A-100','CLS-HS-1','S-27','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baa49e03166603','result','A-100','CLS-HS-1','S-155','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baa998a3b0a7ef','result','A-100','CLS-HS-1','S-139','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baac4ff901579b','result','A-100','CLS-HS-1','S-75','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baafcb8d5a52a6','result','A-100','CLS-HS-1','S-77','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bab35148843b51','result','A-100','CLS-HS-1','S-131','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bab88de79e6584','result','A-100','CLS-HS-1','S-191','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baba114ed8776f','result','A-100','CLS-HS-1','S-283','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baba53f4b1286b','result','A-100','CLS-HS-1','S-103','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4babfdb0ebdab2f','result','A-100','CLS-HS-1','S-293','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bac116abf139b0','result','A-100','CLS-HS-1','S-167','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bac39e92f63b58','result','A-100','CLS-HS-1','S-199','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bac5d8b35a76ad','result','A-100','CLS-HS-1','S-71','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bac6406336434f','result','A-100','CLS-HS-1','S-145','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baca55b4595902','result','A-100','CLS-HS-1','S-57','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bacbfc864d2f72','result','A-100','CLS-HS-1','S-269','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bad24e71d7b7b7','result','A-100','CLS-HS-1','S-15','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bad9a34c420b76','result','A-100','CLS-HS-1','S-111','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bad9dfcf3228bd','result','A-100','CLS-HS-1','S-141','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4badaa2fc9af77e','result','A-100','CLS-HS-1','S-147','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4badb5c1db442ef','result','A-100','CLS-HS-1','S-255','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4badbe8192ad355','result','A-100','CLS-HS-1','S-7','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bae0812ce2a2fb','result','A-100','CLS-HS-1','S-169','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bae21546e55c9d','result','A-100','CLS-HS-1','S-101','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bae35321fca079','result','A-100','CLS-HS-1','S-351','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bae3b26b80efce','result','A-100','CLS-HS-1','S-43','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bae49186f99240','result','A-100','CLS-HS-1','S-47','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bae8eedd2bd239','result','A-100','CLS-HS-1','S-149','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bae9305d001272','result','A-100','CLS-HS-1','S-369','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bae986e3729883','result','A-100','CLS-HS-1','S-281','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baeacfa81b5699','result','A-100','CLS-HS-1','S-277','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baefd8ce2aee4c','result','A-100','CLS-HS-1','S-113','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baf192b109ce40','result','A-100','CLS-HS-1','S-381','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baf1a96484fa10','result','A-100','CLS-HS-1','S-193','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baf3b22d26fc66','result','A-100','CLS-HS-1','S-343','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baf636908e4e0d','result','A-100','CLS-HS-1','S-99','pbl-2bf9aee26d3b00e23fb5301c','=not submitted0.02026-11-03',0.0,'not submitted',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baf80ac8ea4526','result','A-100','CLS-HS-1','S-61','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baf88840847a37','result','A-100','CLS-HS-1','S-295','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4baf8980ad81ab6','result','A-100','CLS-HS-1','S-367','pbl-2bf9aee26d3b00e23fb5301c','=fully graded16.02026-11-07',16.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bafa0f24e0fe63','result','A-100','CLS-HS-1','S-263','pbl-2bf9aee26d3b00e23fb5301c','=fully graded15.02026-11-07',15.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bafa5dcb93cef2','result','A-100','CLS-HS-1','S-187','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bafa6416fe84e5','result','A-100','CLS-HS-1','S-219','pbl-2bf9aee26d3b00e23fb5301c','=fully graded17.02026-11-07',17.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-3ba80cb4ebd6d4bafce52d3ad71d','result','A-100','CLS-HS-1','S-227','pbl-2bf9aee26d3b00e23fb5301c','=fully graded14.02026-11-07',14.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf03c8b2e50555','result','A-102','CLS-HS-1','S-213','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf07bf7677c736','result','A-102','CLS-HS-1','S-1','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf09e622b9a82b','result','A-102','CLS-HS-1','S-217','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf0ca586382479','result','A-102','CLS-HS-1','S-125','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf12388191c1db','result','A-102','CLS-HS-1','S-29','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf148bbab9da39','result','A-102','CLS-HS-1','S-267','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf16f77d8d6e5e','result','A-102','CLS-HS-1','S-225','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf19fdafcd3705','result','A-102','CLS-HS-1','S-315','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf1f8c554eb0c7','result','A-102','CLS-HS-1','S-231','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf2080f470c94a','result','A-102','CLS-HS-1','S-179','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf20a7e7fa134f','result','A-102','CLS-HS-1','S-399','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf214605a373f7','result','A-102','CLS-HS-1','S-129','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf2593450a999a','result','A-102','CLS-HS-1','S-375','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf268ba1f8bb7e','result','A-102','CLS-HS-1','S-301','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf294edeb8174e','result','A-102','CLS-HS-1','S-69','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf2a5c77dbc1eb','result','A-102','CLS-HS-1','S-87','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf38bccf0bf990','result','A-102','CLS-HS-1','S-39','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf39bf078e2738','result','A-102','CLS-HS-1','S-171','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf3a7091422eda','result','A-102','CLS-HS-1','S-373','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf3ad7df649283','result','A-102','CLS-HS-1','S-13','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf3bec103a4008','result','A-102','CLS-HS-1','S-341','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf3c9632ef662d','result','A-102','CLS-HS-1','S-307','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf41c0eab69242','result','A-102','CLS-HS-1','S-325','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf44a6e2ef3bfc','result','A-102','CLS-HS-1','S-329','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf456b0caf8a84','result','A-102','CLS-HS-1','S-119','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf4e9364af0282','result','A-102','CLS-HS-1','S-299','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf546327bc4d2a','result','A-102','CLS-HS-1','S-85','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf5bf86feebdd4','result','A-102','CLS-HS-1','S-261','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf5c21e4c40fc4','result','A-102','CLS-HS-1','S-229','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf5cc73c7f60a4','result','A-102','CLS-HS-1','S-151','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf636294fbc729','result','A-102','CLS-HS-1','S-21','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf6e9730fdc164','result','A-102','CLS-HS-1','S-185','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf729e45571b4a','result','A-102','CLS-HS-1','S-321','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf733227db68b2','result','A-102','CLS-HS-1','S-137','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf799174b2a4eb','result','A-102','CLS-HS-1','S-287','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf79dd1a60ac6d','result','A-102','CLS-HS-1','S-383','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf7a5f5c50deab','result','A-102','CLS-HS-1','S-73','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf7c434cb4ab89','result','A-102','CLS-HS-1','S-81','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf7df6b0d72095','result','A-102','CLS-HS-1','S-363','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf7f3a4a4d95ae','result','A-102','CLS-HS-1','S-337','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf887e9bbbe9fe','result','A-102','CLS-HS-1','S-5','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf8ccc1b75ff57','result','A-102','CLS-HS-1','S-11','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf8dfc6ce13b0c','result','A-102','CLS-HS-1','S-291','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf9325932ab3a1','result','A-102','CLS-HS-1','S-305','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf97bc7de0c7bf','result','A-102','CLS-HS-1','S-197','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf9a3ee638359a','result','A-102','CLS-HS-1','S-181','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf9ab7680c9b7a','result','A-102','CLS-HS-1','S-33','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf9afd4d5244b1','result','A-102','CLS-HS-1','S-247','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf9b990f87cef6','result','A-102','CLS-HS-1','S-345','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf9bca8d210834','result','A-102','CLS-HS-1','S-115','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf9c9af09f5cdb','result','A-102','CLS-HS-1','S-49','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf9e94758c9b55','result','A-102','CLS-HS-1','S-205','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bf9eb39f18f016','result','A-102','CLS-HS-1','S-97','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfa03caef3546a','result','A-102','CLS-HS-1','S-249','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfa146822ba33c','result','A-102','CLS-HS-1','S-79','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfa152e4a2eec8','result','A-102','CLS-HS-1','S-223','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfa1d0059d9a48','result','A-102','CLS-HS-1','S-51','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfa2a3f3a997b6','result','A-102','CLS-HS-1','S-27','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfa49e03166603','result','A-102','CLS-HS-1','S-155','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfa998a3b0a7ef','result','A-102','CLS-HS-1','S-139','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfac4ff901579b','result','A-102','CLS-HS-1','S-75','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfafcb8d5a52a6','result','A-102','CLS-HS-1','S-77','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfb35148843b51','result','A-102','CLS-HS-1','S-131','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfb88de79e6584','result','A-102','CLS-HS-1','S-191','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfba114ed8776f','result','A-102','CLS-HS-1','S-283','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfba53f4b1286b','result','A-102','CLS-HS-1','S-103','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfbfdb0ebdab2f','result','A-102','CLS-HS-1','S-293','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfc116abf139b0','result','A-102','CLS-HS-1','S-167','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfc39e92f63b58','result','A-102','CLS-HS-1','S-199','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfc5d8b35a76ad','result','A-102','CLS-HS-1','S-71','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfc6406336434f','result','A-102','CLS-HS-1','S-145','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfca55b4595902','result','A-102','CLS-HS-1','S-57','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfcbfc864d2f72','result','A-102','CLS-HS-1','S-269','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfd24e71d7b7b7','result','A-102','CLS-HS-1','S-15','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfd9a34c420b76','result','A-102','CLS-HS-1','S-111','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfd9dfcf3228bd','result','A-102','CLS-HS-1','S-141','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfdaa2fc9af77e','result','A-102','CLS-HS-1','S-147','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfdb5c1db442ef','result','A-102','CLS-HS-1','S-255','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfdbe8192ad355','result','A-102','CLS-HS-1','S-7','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfe0812ce2a2fb','result','A-102','CLS-HS-1','S-169','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfe21546e55c9d','result','A-102','CLS-HS-1','S-101','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfe35321fca079','result','A-102','CLS-HS-1','S-351','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfe3b26b80efce','result','A-102','CLS-HS-1','S-43','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfe49186f99240','result','A-102','CLS-HS-1','S-47','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfe8eedd2bd239','result','A-102','CLS-HS-1','S-149','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfe9305d001272','result','A-102','CLS-HS-1','S-369','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfe986e3729883','result','A-102','CLS-HS-1','S-281','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfeacfa81b5699','result','A-102','CLS-HS-1','S-277','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bfefd8ce2aee4c','result','A-102','CLS-HS-1','S-113','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bff192b109ce40','result','A-102','CLS-HS-1','S-381','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bff1a96484fa10','result','A-102','CLS-HS-1','S-193','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bff3b22d26fc66','result','A-102','CLS-HS-1','S-343','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bff636908e4e0d','result','A-102','CLS-HS-1','S-99','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bff80ac8ea4526','result','A-102','CLS-HS-1','S-61','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bff88840847a37','result','A-102','CLS-HS-1','S-295','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bff8980ad81ab6','result','A-102','CLS-HS-1','S-367','pbl-93e056ecb2679da6f99fceac','=fully graded4.02026-11-07',4.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bffa0f24e0fe63','result','A-102','CLS-HS-1','S-263','pbl-93e056ecb2679da6f99fceac','=fully graded3.02026-11-07',3.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bffa5dcb93cef2','result','A-102','CLS-HS-1','S-187','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bffa6416fe84e5','result','A-102','CLS-HS-1','S-219','pbl-93e056ecb2679da6f99fceac','=fully graded5.02026-11-07',5.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
INSERT INTO "ledger" VALUES('unified-1','pbr-be8760927083b1bffce52d3ad71d','result','A-102','CLS-HS-1','S-227','pbl-93e056ecb2679da6f99fceac','=fully graded2.02026-11-07',2.0,'fully graded',NULL,NULL,'2026-12-06 04:25:47.436731');
CREATE TABLE nightly_state (
	district_id VARCHAR(64) NOT NULL, 
	last_night DATE NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_nightly_state PRIMARY KEY (district_id), 
	CONSTRAINT fk_nightly_state_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
);
CREATE TABLE notification_events (
	district_id VARCHAR(64) NOT NULL, 
	event VARCHAR(200) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	run_id VARCHAR(32), 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_notification_events PRIMARY KEY (district_id, event), 
	CONSTRAINT fk_notification_events_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
);
INSERT INTO "notification_events" VALUES('unified-1','first_sync','first_sync','34e6ca9e594541aa8fc5eb82fb99b1af','2026-12-06 04:25:49.746740');
CREATE TABLE notifications (
	id VARCHAR(32) NOT NULL, 
	district_id VARCHAR(64) NOT NULL, 
	event VARCHAR(200) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	recipient VARCHAR(400) NOT NULL, 
	subject TEXT NOT NULL, 
	body TEXT NOT NULL, 
	payload JSON NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	attempts INTEGER NOT NULL, 
	next_attempt_at DATETIME NOT NULL, 
	locked_until DATETIME, 
	last_error TEXT, 
	created_at DATETIME NOT NULL, 
	sent_at DATETIME, 
	CONSTRAINT pk_notifications PRIMARY KEY (id), 
	CONSTRAINT ck_notifications_status CHECK (status IN ('pending', 'sent', 'failed')), 
	CONSTRAINT ck_notifications_channel CHECK (channel IN ('email', 'webhook')), 
	CONSTRAINT fk_notifications_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
);
INSERT INTO "notifications" VALUES('3f8e78dbb4f548d59a99911b82711a43','unified-1','first_sync','first_sync','email','it@unified.example.org','passback is live for Unified School District (demo): first sync completed','passback is live for Unified School District (demo) (unified-1).

The first sync finished on 2026-12-06T04:25:49.547778+00:00 (run 34e6ca9e594541aa8fc5eb82fb99b1af, evaluated as of 2026-11-10, status partial).

What it did:
     206  created in the SIS
       0  updated
       0  removed
       0  already up to date
      51  not sent (each with its reason)
       0  left alone because a teacher changed them in the SIS
       3  refused by the SIS

Why scores were not sent (most common first):
       8  ASSIGNER_NOT_IN_GROUP: The person who assigned the assessment is not in the district''s passback group. Ask the district administrator to add them to the group; earlier assessments then pass back on the next run.
       4  NOT_GRADED: The work is not graded yet (turned in but not fully graded, or not past due). Finish grading it; it passes back on the next run.
       4  DUPLICATE_TITLE: Another assessment in this class has the same title and due date, and the SIS allows only one; the earliest assigned one was sent. Rename this assessment or change its due date.
       3  STANDARDS_BASED: The assessment is scored on a standards scale; the SIS gradebook takes points only. Use a points-based version of the assessment if it should count in the gradebook.
       3  POINTS_NOT_WHOLE: The total points possible must be a whole number greater than 0. Change the assessment''s total points (for example 20 instead of 19.5).
       3  TITLE_TOO_LONG: The title has 50 or more characters; the SIS accepts fewer than 50. Shorten the assessment''s title.
       3  NOT_IN_FINAL_GRADE: The assessment is not marked "include score in final grade". Turn that setting on if the score should reach the gradebook.
       3  MISSING_DUE_DATE: The assessment has no due date, and the SIS needs one to place it in a grading period. Give the assessment a due date.

From now on passback syncs every night and whenever someone asks for a sync.
The full report: passback report 34e6ca9e594541aa8fc5eb82fb99b1af
','{"event": "first_sync", "district": "unified-1", "report": {"run": "34e6ca9e594541aa8fc5eb82fb99b1af", "district": "unified-1", "trigger": "test", "dry_run": false, "as_of": "2026-11-10", "status": "partial", "scope": {}, "started_at": "2026-12-06T04:25:46.205855+00:00", "finished_at": "2026-12-06T04:25:49.547778+00:00", "duration_s": 3.342, "error": null, "counts": {"created": 206, "updated": 0, "deleted": 0, "unchanged": 0, "skipped": 51, "conflicts": 0, "errors": 3}, "api_calls": {"reads": 10, "writes": 207}}}','pending',0,'2026-12-06 04:25:49.746740',NULL,NULL,'2026-12-06 04:25:49.746740',NULL);
CREATE TABLE onboarding_steps (
	district_id VARCHAR(64) NOT NULL, 
	step VARCHAR(32) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	owner TEXT, 
	started_on DATE, 
	done_on DATE, 
	notes TEXT NOT NULL, 
	data JSON NOT NULL, 
	last_check JSON, 
	updated_at DATETIME NOT NULL, 
	updated_by VARCHAR(120) NOT NULL, 
	CONSTRAINT pk_onboarding_steps PRIMARY KEY (district_id, step), 
	CONSTRAINT ck_onboarding_steps_status CHECK (status IN ('todo', 'in_progress', 'done')), 
	CONSTRAINT fk_onboarding_steps_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
);
CREATE TABLE roster_cache (
	district_id VARCHAR(64) NOT NULL, 
	collection VARCHAR(32) NOT NULL, 
	source VARCHAR(64) NOT NULL, 
	watermark VARCHAR(64), 
	records INTEGER NOT NULL, 
	full_read_at DATETIME NOT NULL, 
	refreshed_at DATETIME NOT NULL, 
	data BLOB, 
	CONSTRAINT pk_roster_cache PRIMARY KEY (district_id, collection), 
	CONSTRAINT fk_roster_cache_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
);
CREATE TABLE run_items (
	run_id VARCHAR(32) NOT NULL, 
	seq INTEGER NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	assessment_id VARCHAR(200) NOT NULL, 
	class_id VARCHAR(200) NOT NULL, 
	student_id VARCHAR(200), 
	action VARCHAR(16) NOT NULL, 
	reasons JSON NOT NULL, 
	message TEXT NOT NULL, 
	details JSON, 
	CONSTRAINT pk_run_items PRIMARY KEY (run_id, seq), 
	CONSTRAINT fk_run_items_run_id_runs FOREIGN KEY(run_id) REFERENCES runs (id) ON DELETE CASCADE
);
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',0,'lineItem','A-100','CLS-HS-1',NULL,'create','[]','','{"sourcedId": "pbl-2bf9aee26d3b00e23fb5301c"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',1,'result','A-100','CLS-HS-1','S-1','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba07bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',2,'result','A-100','CLS-HS-1','S-101','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bae21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',3,'result','A-100','CLS-HS-1','S-103','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baba53f4b1286b"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',4,'result','A-100','CLS-HS-1','S-107','skip','["STUDENT_NOT_ENROLLED"]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba3c1085b2c923"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',5,'result','A-100','CLS-HS-1','S-11','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba8ccc1b75ff57"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',6,'result','A-100','CLS-HS-1','S-111','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bad9a34c420b76"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',7,'result','A-100','CLS-HS-1','S-113','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baefd8ce2aee4c"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',8,'result','A-100','CLS-HS-1','S-115','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba9bca8d210834"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',9,'result','A-100','CLS-HS-1','S-119','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba456b0caf8a84"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',10,'result','A-100','CLS-HS-1','S-125','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba0ca586382479"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',11,'result','A-100','CLS-HS-1','S-129','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba214605a373f7"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',12,'result','A-100','CLS-HS-1','S-13','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba3ad7df649283"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',13,'result','A-100','CLS-HS-1','S-131','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bab35148843b51"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',14,'result','A-100','CLS-HS-1','S-137','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba733227db68b2"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',15,'result','A-100','CLS-HS-1','S-139','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baa998a3b0a7ef"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',16,'result','A-100','CLS-HS-1','S-141','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bad9dfcf3228bd"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',17,'result','A-100','CLS-HS-1','S-145','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bac6406336434f"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',18,'result','A-100','CLS-HS-1','S-147','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4badaa2fc9af77e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',19,'result','A-100','CLS-HS-1','S-149','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bae8eedd2bd239"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',20,'result','A-100','CLS-HS-1','S-15','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bad24e71d7b7b7"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',21,'result','A-100','CLS-HS-1','S-151','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba5cc73c7f60a4"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',22,'result','A-100','CLS-HS-1','S-155','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baa49e03166603"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',23,'result','A-100','CLS-HS-1','S-167','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bac116abf139b0"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',24,'result','A-100','CLS-HS-1','S-169','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bae0812ce2a2fb"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',25,'result','A-100','CLS-HS-1','S-171','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba39bf078e2738"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',26,'result','A-100','CLS-HS-1','S-179','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba2080f470c94a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',27,'result','A-100','CLS-HS-1','S-181','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba9a3ee638359a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',28,'result','A-100','CLS-HS-1','S-185','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba6e9730fdc164"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',29,'result','A-100','CLS-HS-1','S-187','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bafa5dcb93cef2"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',30,'result','A-100','CLS-HS-1','S-191','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bab88de79e6584"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',31,'result','A-100','CLS-HS-1','S-193','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baf1a96484fa10"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',32,'result','A-100','CLS-HS-1','S-197','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba97bc7de0c7bf"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',33,'result','A-100','CLS-HS-1','S-199','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bac39e92f63b58"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',34,'result','A-100','CLS-HS-1','S-205','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba9e94758c9b55"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',35,'result','A-100','CLS-HS-1','S-21','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba636294fbc729"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',36,'result','A-100','CLS-HS-1','S-213','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba03c8b2e50555"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',37,'result','A-100','CLS-HS-1','S-217','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba09e622b9a82b"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',38,'result','A-100','CLS-HS-1','S-219','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bafa6416fe84e5"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',39,'result','A-100','CLS-HS-1','S-223','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baa152e4a2eec8"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',40,'result','A-100','CLS-HS-1','S-225','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba16f77d8d6e5e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',41,'result','A-100','CLS-HS-1','S-227','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bafce52d3ad71d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',42,'result','A-100','CLS-HS-1','S-229','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba5c21e4c40fc4"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',43,'result','A-100','CLS-HS-1','S-231','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba1f8c554eb0c7"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',44,'result','A-100','CLS-HS-1','S-247','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba9afd4d5244b1"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',45,'result','A-100','CLS-HS-1','S-249','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baa03caef3546a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',46,'result','A-100','CLS-HS-1','S-255','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4badb5c1db442ef"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',47,'result','A-100','CLS-HS-1','S-261','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba5bf86feebdd4"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',48,'result','A-100','CLS-HS-1','S-263','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bafa0f24e0fe63"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',49,'result','A-100','CLS-HS-1','S-267','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba148bbab9da39"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',50,'result','A-100','CLS-HS-1','S-269','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bacbfc864d2f72"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',51,'result','A-100','CLS-HS-1','S-27','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baa2a3f3a997b6"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',52,'result','A-100','CLS-HS-1','S-277','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baeacfa81b5699"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',53,'result','A-100','CLS-HS-1','S-281','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bae986e3729883"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',54,'result','A-100','CLS-HS-1','S-283','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baba114ed8776f"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',55,'result','A-100','CLS-HS-1','S-287','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba799174b2a4eb"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',56,'result','A-100','CLS-HS-1','S-29','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba12388191c1db"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',57,'result','A-100','CLS-HS-1','S-291','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba8dfc6ce13b0c"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',58,'result','A-100','CLS-HS-1','S-293','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4babfdb0ebdab2f"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',59,'result','A-100','CLS-HS-1','S-295','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baf88840847a37"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',60,'result','A-100','CLS-HS-1','S-299','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba4e9364af0282"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',61,'result','A-100','CLS-HS-1','S-301','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba268ba1f8bb7e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',62,'result','A-100','CLS-HS-1','S-305','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba9325932ab3a1"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',63,'result','A-100','CLS-HS-1','S-307','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba3c9632ef662d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',64,'result','A-100','CLS-HS-1','S-315','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba19fdafcd3705"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',65,'result','A-100','CLS-HS-1','S-321','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba729e45571b4a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',66,'result','A-100','CLS-HS-1','S-325','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba41c0eab69242"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',67,'result','A-100','CLS-HS-1','S-329','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba44a6e2ef3bfc"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',68,'result','A-100','CLS-HS-1','S-33','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba9ab7680c9b7a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',69,'result','A-100','CLS-HS-1','S-337','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba7f3a4a4d95ae"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',70,'result','A-100','CLS-HS-1','S-341','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba3bec103a4008"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',71,'result','A-100','CLS-HS-1','S-343','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baf3b22d26fc66"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',72,'result','A-100','CLS-HS-1','S-345','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba9b990f87cef6"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',73,'result','A-100','CLS-HS-1','S-351','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bae35321fca079"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',74,'result','A-100','CLS-HS-1','S-363','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba7df6b0d72095"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',75,'result','A-100','CLS-HS-1','S-367','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baf8980ad81ab6"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',76,'result','A-100','CLS-HS-1','S-369','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bae9305d001272"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',77,'result','A-100','CLS-HS-1','S-373','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba3a7091422eda"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',78,'result','A-100','CLS-HS-1','S-375','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba2593450a999a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',79,'result','A-100','CLS-HS-1','S-381','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baf192b109ce40"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',80,'result','A-100','CLS-HS-1','S-383','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba79dd1a60ac6d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',81,'result','A-100','CLS-HS-1','S-39','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba38bccf0bf990"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',82,'result','A-100','CLS-HS-1','S-399','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba20a7e7fa134f"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',83,'result','A-100','CLS-HS-1','S-43','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bae3b26b80efce"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',84,'result','A-100','CLS-HS-1','S-47','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bae49186f99240"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',85,'result','A-100','CLS-HS-1','S-49','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba9c9af09f5cdb"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',86,'result','A-100','CLS-HS-1','S-5','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba887e9bbbe9fe"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',87,'result','A-100','CLS-HS-1','S-51','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baa1d0059d9a48"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',88,'result','A-100','CLS-HS-1','S-57','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baca55b4595902"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',89,'result','A-100','CLS-HS-1','S-61','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baf80ac8ea4526"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',90,'result','A-100','CLS-HS-1','S-69','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba294edeb8174e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',91,'result','A-100','CLS-HS-1','S-7','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4badbe8192ad355"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',92,'result','A-100','CLS-HS-1','S-71','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4bac5d8b35a76ad"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',93,'result','A-100','CLS-HS-1','S-73','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba7a5f5c50deab"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',94,'result','A-100','CLS-HS-1','S-75','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baac4ff901579b"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',95,'result','A-100','CLS-HS-1','S-77','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baafcb8d5a52a6"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',96,'result','A-100','CLS-HS-1','S-79','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baa146822ba33c"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',97,'result','A-100','CLS-HS-1','S-81','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba7c434cb4ab89"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',98,'result','A-100','CLS-HS-1','S-85','skip','["EXCLUDED"]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba546327bc4d2a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',99,'result','A-100','CLS-HS-1','S-87','skip','["NOT_GRADED"]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba2a5c77dbc1eb"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',100,'result','A-100','CLS-HS-1','S-97','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4ba9eb39f18f016"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',101,'result','A-100','CLS-HS-1','S-99','create','[]','','{"sourcedId": "pbr-3ba80cb4ebd6d4baf636908e4e0d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',102,'lineItem','A-101','CLS-HS-1',NULL,'create','[]','','{"sourcedId": "pbl-cd9bf65151e2722d68881647"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',103,'result','A-101','CLS-HS-1','S-1','create','[]','','{"sourcedId": "pbr-2f565475ffea62c107bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',104,'result','A-101','CLS-HS-1','S-101','create','[]','','{"sourcedId": "pbr-2f565475ffea62c1e21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',105,'result','A-101','CLS-HS-1','S-103','create','[]','','{"sourcedId": "pbr-2f565475ffea62c1ba53f4b1286b"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',106,'result','A-101','CLS-HS-1','S-11','create','[]','','{"sourcedId": "pbr-2f565475ffea62c18ccc1b75ff57"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',107,'result','A-101','CLS-HS-1','S-111','create','[]','','{"sourcedId": "pbr-2f565475ffea62c1d9a34c420b76"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',108,'result','A-101','CLS-HS-1','S-113','skip','["NOT_GRADED"]','','{"sourcedId": "pbr-2f565475ffea62c1efd8ce2aee4c"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',109,'result','A-101','CLS-HS-1','S-115','skip','["NOT_GRADED"]','','{"sourcedId": "pbr-2f565475ffea62c19bca8d210834"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',110,'result','A-101','CLS-HS-1','S-119','skip','["NOT_GRADED"]','','{"sourcedId": "pbr-2f565475ffea62c1456b0caf8a84"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',111,'lineItem','A-102','CLS-HS-1',NULL,'create','[]','','{"sourcedId": "pbl-93e056ecb2679da6f99fceac"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',112,'result','A-102','CLS-HS-1','S-1','create','[]','','{"sourcedId": "pbr-be8760927083b1bf07bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',113,'result','A-102','CLS-HS-1','S-101','create','[]','','{"sourcedId": "pbr-be8760927083b1bfe21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',114,'result','A-102','CLS-HS-1','S-103','create','[]','','{"sourcedId": "pbr-be8760927083b1bfba53f4b1286b"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',115,'result','A-102','CLS-HS-1','S-11','create','[]','','{"sourcedId": "pbr-be8760927083b1bf8ccc1b75ff57"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',116,'result','A-102','CLS-HS-1','S-111','create','[]','','{"sourcedId": "pbr-be8760927083b1bfd9a34c420b76"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',117,'result','A-102','CLS-HS-1','S-113','create','[]','','{"sourcedId": "pbr-be8760927083b1bfefd8ce2aee4c"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',118,'result','A-102','CLS-HS-1','S-115','create','[]','','{"sourcedId": "pbr-be8760927083b1bf9bca8d210834"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',119,'result','A-102','CLS-HS-1','S-119','create','[]','','{"sourcedId": "pbr-be8760927083b1bf456b0caf8a84"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',120,'result','A-102','CLS-HS-1','S-125','create','[]','','{"sourcedId": "pbr-be8760927083b1bf0ca586382479"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',121,'result','A-102','CLS-HS-1','S-129','create','[]','','{"sourcedId": "pbr-be8760927083b1bf214605a373f7"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',122,'result','A-102','CLS-HS-1','S-13','create','[]','','{"sourcedId": "pbr-be8760927083b1bf3ad7df649283"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',123,'result','A-102','CLS-HS-1','S-131','create','[]','','{"sourcedId": "pbr-be8760927083b1bfb35148843b51"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',124,'result','A-102','CLS-HS-1','S-137','create','[]','','{"sourcedId": "pbr-be8760927083b1bf733227db68b2"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',125,'result','A-102','CLS-HS-1','S-139','create','[]','','{"sourcedId": "pbr-be8760927083b1bfa998a3b0a7ef"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',126,'result','A-102','CLS-HS-1','S-141','create','[]','','{"sourcedId": "pbr-be8760927083b1bfd9dfcf3228bd"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',127,'result','A-102','CLS-HS-1','S-145','create','[]','','{"sourcedId": "pbr-be8760927083b1bfc6406336434f"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',128,'result','A-102','CLS-HS-1','S-147','create','[]','','{"sourcedId": "pbr-be8760927083b1bfdaa2fc9af77e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',129,'result','A-102','CLS-HS-1','S-149','create','[]','','{"sourcedId": "pbr-be8760927083b1bfe8eedd2bd239"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',130,'result','A-102','CLS-HS-1','S-15','create','[]','','{"sourcedId": "pbr-be8760927083b1bfd24e71d7b7b7"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',131,'result','A-102','CLS-HS-1','S-151','create','[]','','{"sourcedId": "pbr-be8760927083b1bf5cc73c7f60a4"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',132,'result','A-102','CLS-HS-1','S-155','create','[]','','{"sourcedId": "pbr-be8760927083b1bfa49e03166603"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',133,'result','A-102','CLS-HS-1','S-167','create','[]','','{"sourcedId": "pbr-be8760927083b1bfc116abf139b0"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',134,'result','A-102','CLS-HS-1','S-169','create','[]','','{"sourcedId": "pbr-be8760927083b1bfe0812ce2a2fb"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',135,'result','A-102','CLS-HS-1','S-171','create','[]','','{"sourcedId": "pbr-be8760927083b1bf39bf078e2738"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',136,'result','A-102','CLS-HS-1','S-179','create','[]','','{"sourcedId": "pbr-be8760927083b1bf2080f470c94a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',137,'result','A-102','CLS-HS-1','S-181','create','[]','','{"sourcedId": "pbr-be8760927083b1bf9a3ee638359a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',138,'result','A-102','CLS-HS-1','S-185','create','[]','','{"sourcedId": "pbr-be8760927083b1bf6e9730fdc164"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',139,'result','A-102','CLS-HS-1','S-187','create','[]','','{"sourcedId": "pbr-be8760927083b1bffa5dcb93cef2"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',140,'result','A-102','CLS-HS-1','S-191','create','[]','','{"sourcedId": "pbr-be8760927083b1bfb88de79e6584"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',141,'result','A-102','CLS-HS-1','S-193','create','[]','','{"sourcedId": "pbr-be8760927083b1bff1a96484fa10"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',142,'result','A-102','CLS-HS-1','S-197','create','[]','','{"sourcedId": "pbr-be8760927083b1bf97bc7de0c7bf"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',143,'result','A-102','CLS-HS-1','S-199','create','[]','','{"sourcedId": "pbr-be8760927083b1bfc39e92f63b58"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',144,'result','A-102','CLS-HS-1','S-205','create','[]','','{"sourcedId": "pbr-be8760927083b1bf9e94758c9b55"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',145,'result','A-102','CLS-HS-1','S-21','create','[]','','{"sourcedId": "pbr-be8760927083b1bf636294fbc729"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',146,'result','A-102','CLS-HS-1','S-213','create','[]','','{"sourcedId": "pbr-be8760927083b1bf03c8b2e50555"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',147,'result','A-102','CLS-HS-1','S-217','create','[]','','{"sourcedId": "pbr-be8760927083b1bf09e622b9a82b"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',148,'result','A-102','CLS-HS-1','S-219','create','[]','','{"sourcedId": "pbr-be8760927083b1bffa6416fe84e5"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',149,'result','A-102','CLS-HS-1','S-223','create','[]','','{"sourcedId": "pbr-be8760927083b1bfa152e4a2eec8"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',150,'result','A-102','CLS-HS-1','S-225','create','[]','','{"sourcedId": "pbr-be8760927083b1bf16f77d8d6e5e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',151,'result','A-102','CLS-HS-1','S-227','create','[]','','{"sourcedId": "pbr-be8760927083b1bffce52d3ad71d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',152,'result','A-102','CLS-HS-1','S-229','create','[]','','{"sourcedId": "pbr-be8760927083b1bf5c21e4c40fc4"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',153,'result','A-102','CLS-HS-1','S-231','create','[]','','{"sourcedId": "pbr-be8760927083b1bf1f8c554eb0c7"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',154,'result','A-102','CLS-HS-1','S-247','create','[]','','{"sourcedId": "pbr-be8760927083b1bf9afd4d5244b1"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',155,'result','A-102','CLS-HS-1','S-249','create','[]','','{"sourcedId": "pbr-be8760927083b1bfa03caef3546a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',156,'result','A-102','CLS-HS-1','S-255','create','[]','','{"sourcedId": "pbr-be8760927083b1bfdb5c1db442ef"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',157,'result','A-102','CLS-HS-1','S-261','create','[]','','{"sourcedId": "pbr-be8760927083b1bf5bf86feebdd4"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',158,'result','A-102','CLS-HS-1','S-263','create','[]','','{"sourcedId": "pbr-be8760927083b1bffa0f24e0fe63"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',159,'result','A-102','CLS-HS-1','S-267','create','[]','','{"sourcedId": "pbr-be8760927083b1bf148bbab9da39"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',160,'result','A-102','CLS-HS-1','S-269','create','[]','','{"sourcedId": "pbr-be8760927083b1bfcbfc864d2f72"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',161,'result','A-102','CLS-HS-1','S-27','create','[]','','{"sourcedId": "pbr-be8760927083b1bfa2a3f3a997b6"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',162,'result','A-102','CLS-HS-1','S-277','create','[]','','{"sourcedId": "pbr-be8760927083b1bfeacfa81b5699"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',163,'result','A-102','CLS-HS-1','S-281','create','[]','','{"sourcedId": "pbr-be8760927083b1bfe986e3729883"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',164,'result','A-102','CLS-HS-1','S-283','create','[]','','{"sourcedId": "pbr-be8760927083b1bfba114ed8776f"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',165,'result','A-102','CLS-HS-1','S-287','create','[]','','{"sourcedId": "pbr-be8760927083b1bf799174b2a4eb"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',166,'result','A-102','CLS-HS-1','S-29','create','[]','','{"sourcedId": "pbr-be8760927083b1bf12388191c1db"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',167,'result','A-102','CLS-HS-1','S-291','create','[]','','{"sourcedId": "pbr-be8760927083b1bf8dfc6ce13b0c"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',168,'result','A-102','CLS-HS-1','S-293','create','[]','','{"sourcedId": "pbr-be8760927083b1bfbfdb0ebdab2f"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',169,'result','A-102','CLS-HS-1','S-295','create','[]','','{"sourcedId": "pbr-be8760927083b1bff88840847a37"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',170,'result','A-102','CLS-HS-1','S-299','create','[]','','{"sourcedId": "pbr-be8760927083b1bf4e9364af0282"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',171,'result','A-102','CLS-HS-1','S-301','create','[]','','{"sourcedId": "pbr-be8760927083b1bf268ba1f8bb7e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',172,'result','A-102','CLS-HS-1','S-305','create','[]','','{"sourcedId": "pbr-be8760927083b1bf9325932ab3a1"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',173,'result','A-102','CLS-HS-1','S-307','create','[]','','{"sourcedId": "pbr-be8760927083b1bf3c9632ef662d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',174,'result','A-102','CLS-HS-1','S-315','create','[]','','{"sourcedId": "pbr-be8760927083b1bf19fdafcd3705"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',175,'result','A-102','CLS-HS-1','S-321','create','[]','','{"sourcedId": "pbr-be8760927083b1bf729e45571b4a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',176,'result','A-102','CLS-HS-1','S-325','create','[]','','{"sourcedId": "pbr-be8760927083b1bf41c0eab69242"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',177,'result','A-102','CLS-HS-1','S-329','create','[]','','{"sourcedId": "pbr-be8760927083b1bf44a6e2ef3bfc"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',178,'result','A-102','CLS-HS-1','S-33','create','[]','','{"sourcedId": "pbr-be8760927083b1bf9ab7680c9b7a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',179,'result','A-102','CLS-HS-1','S-337','create','[]','','{"sourcedId": "pbr-be8760927083b1bf7f3a4a4d95ae"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',180,'result','A-102','CLS-HS-1','S-341','create','[]','','{"sourcedId": "pbr-be8760927083b1bf3bec103a4008"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',181,'result','A-102','CLS-HS-1','S-343','create','[]','','{"sourcedId": "pbr-be8760927083b1bff3b22d26fc66"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',182,'result','A-102','CLS-HS-1','S-345','create','[]','','{"sourcedId": "pbr-be8760927083b1bf9b990f87cef6"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',183,'result','A-102','CLS-HS-1','S-351','create','[]','','{"sourcedId": "pbr-be8760927083b1bfe35321fca079"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',184,'result','A-102','CLS-HS-1','S-363','create','[]','','{"sourcedId": "pbr-be8760927083b1bf7df6b0d72095"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',185,'result','A-102','CLS-HS-1','S-367','create','[]','','{"sourcedId": "pbr-be8760927083b1bff8980ad81ab6"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',186,'result','A-102','CLS-HS-1','S-369','create','[]','','{"sourcedId": "pbr-be8760927083b1bfe9305d001272"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',187,'result','A-102','CLS-HS-1','S-373','create','[]','','{"sourcedId": "pbr-be8760927083b1bf3a7091422eda"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',188,'result','A-102','CLS-HS-1','S-375','create','[]','','{"sourcedId": "pbr-be8760927083b1bf2593450a999a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',189,'result','A-102','CLS-HS-1','S-381','create','[]','','{"sourcedId": "pbr-be8760927083b1bff192b109ce40"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',190,'result','A-102','CLS-HS-1','S-383','create','[]','','{"sourcedId": "pbr-be8760927083b1bf79dd1a60ac6d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',191,'result','A-102','CLS-HS-1','S-39','create','[]','','{"sourcedId": "pbr-be8760927083b1bf38bccf0bf990"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',192,'result','A-102','CLS-HS-1','S-399','create','[]','','{"sourcedId": "pbr-be8760927083b1bf20a7e7fa134f"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',193,'result','A-102','CLS-HS-1','S-43','create','[]','','{"sourcedId": "pbr-be8760927083b1bfe3b26b80efce"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',194,'result','A-102','CLS-HS-1','S-47','create','[]','','{"sourcedId": "pbr-be8760927083b1bfe49186f99240"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',195,'result','A-102','CLS-HS-1','S-49','create','[]','','{"sourcedId": "pbr-be8760927083b1bf9c9af09f5cdb"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',196,'result','A-102','CLS-HS-1','S-5','create','[]','','{"sourcedId": "pbr-be8760927083b1bf887e9bbbe9fe"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',197,'result','A-102','CLS-HS-1','S-51','create','[]','','{"sourcedId": "pbr-be8760927083b1bfa1d0059d9a48"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',198,'result','A-102','CLS-HS-1','S-57','create','[]','','{"sourcedId": "pbr-be8760927083b1bfca55b4595902"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',199,'result','A-102','CLS-HS-1','S-61','create','[]','','{"sourcedId": "pbr-be8760927083b1bff80ac8ea4526"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',200,'result','A-102','CLS-HS-1','S-69','create','[]','','{"sourcedId": "pbr-be8760927083b1bf294edeb8174e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',201,'result','A-102','CLS-HS-1','S-7','create','[]','','{"sourcedId": "pbr-be8760927083b1bfdbe8192ad355"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',202,'result','A-102','CLS-HS-1','S-71','create','[]','','{"sourcedId": "pbr-be8760927083b1bfc5d8b35a76ad"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',203,'result','A-102','CLS-HS-1','S-73','create','[]','','{"sourcedId": "pbr-be8760927083b1bf7a5f5c50deab"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',204,'result','A-102','CLS-HS-1','S-75','create','[]','','{"sourcedId": "pbr-be8760927083b1bfac4ff901579b"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',205,'result','A-102','CLS-HS-1','S-77','create','[]','','{"sourcedId": "pbr-be8760927083b1bfafcb8d5a52a6"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',206,'result','A-102','CLS-HS-1','S-79','create','[]','','{"sourcedId": "pbr-be8760927083b1bfa146822ba33c"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',207,'result','A-102','CLS-HS-1','S-81','create','[]','','{"sourcedId": "pbr-be8760927083b1bf7c434cb4ab89"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',208,'result','A-102','CLS-HS-1','S-85','create','[]','','{"sourcedId": "pbr-be8760927083b1bf546327bc4d2a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',209,'result','A-102','CLS-HS-1','S-87','create','[]','','{"sourcedId": "pbr-be8760927083b1bf2a5c77dbc1eb"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',210,'result','A-102','CLS-HS-1','S-97','create','[]','','{"sourcedId": "pbr-be8760927083b1bf9eb39f18f016"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',211,'result','A-102','CLS-HS-1','S-99','create','[]','','{"sourcedId": "pbr-be8760927083b1bff636908e4e0d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',212,'lineItem','A-200','CLS-HS-1',NULL,'skip','["STANDARDS_BASED"]','','{"sourcedId": "pbl-d5741f6b5cecc3d730b23086"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',213,'result','A-200','CLS-HS-1','S-1','skip','["STANDARDS_BASED"]','','{"sourcedId": "pbr-466ad5790e83c3a007bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',214,'result','A-200','CLS-HS-1','S-101','skip','["STANDARDS_BASED"]','','{"sourcedId": "pbr-466ad5790e83c3a0e21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',215,'lineItem','A-201','CLS-HS-1',NULL,'skip','["POINTS_NOT_WHOLE"]','','{"sourcedId": "pbl-b607184e4e9515e20dac683e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',216,'result','A-201','CLS-HS-1','S-1','skip','["POINTS_NOT_WHOLE"]','','{"sourcedId": "pbr-7b009167cf0bc42607bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',217,'result','A-201','CLS-HS-1','S-101','skip','["POINTS_NOT_WHOLE"]','','{"sourcedId": "pbr-7b009167cf0bc426e21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',218,'lineItem','A-202','CLS-HS-1',NULL,'skip','["TITLE_TOO_LONG"]','','{"sourcedId": "pbl-749b5d865cf4378db0acb117"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',219,'result','A-202','CLS-HS-1','S-1','skip','["TITLE_TOO_LONG"]','','{"sourcedId": "pbr-e8261459325a80c507bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',220,'result','A-202','CLS-HS-1','S-101','skip','["TITLE_TOO_LONG"]','','{"sourcedId": "pbr-e8261459325a80c5e21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',221,'lineItem','A-203','CLS-HS-1',NULL,'skip','["NOT_IN_FINAL_GRADE"]','','{"sourcedId": "pbl-d9b0cb6ed3f3a855821c666e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',222,'result','A-203','CLS-HS-1','S-1','skip','["NOT_IN_FINAL_GRADE"]','','{"sourcedId": "pbr-13e46cc1d732645d07bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',223,'result','A-203','CLS-HS-1','S-101','skip','["NOT_IN_FINAL_GRADE"]','','{"sourcedId": "pbr-13e46cc1d732645de21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',224,'lineItem','A-204','CLS-HS-1',NULL,'skip','["MISSING_DUE_DATE"]','','{"sourcedId": "pbl-e4081faa7cc83b24796e2dc7"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',225,'result','A-204','CLS-HS-1','S-1','skip','["MISSING_DUE_DATE"]','','{"sourcedId": "pbr-abd803608a8f6b4107bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',226,'result','A-204','CLS-HS-1','S-101','skip','["MISSING_DUE_DATE"]','','{"sourcedId": "pbr-abd803608a8f6b41e21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',227,'lineItem','A-205','CLS-HS-1',NULL,'skip','["ASSIGNER_NOT_IN_SIS", "ASSIGNER_NOT_IN_GROUP"]','','{"sourcedId": "pbl-870edcdf3ef57a8b967a51fe"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',228,'result','A-205','CLS-HS-1','S-1','skip','["ASSIGNER_NOT_IN_SIS", "ASSIGNER_NOT_IN_GROUP"]','','{"sourcedId": "pbr-eab32d521877c0a307bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',229,'result','A-205','CLS-HS-1','S-101','skip','["ASSIGNER_NOT_IN_SIS", "ASSIGNER_NOT_IN_GROUP"]','','{"sourcedId": "pbr-eab32d521877c0a3e21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',230,'lineItem','A-208','CLS-HS-1',NULL,'skip','["CATEGORY_NOT_MAPPED"]','','{"sourcedId": "pbl-526fce2fbe766530d8e937e2"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',231,'result','A-208','CLS-HS-1','S-1','skip','["CATEGORY_NOT_MAPPED"]','','{"sourcedId": "pbr-fc0caa0a08e6317007bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',232,'result','A-208','CLS-HS-1','S-101','skip','["CATEGORY_NOT_MAPPED"]','','{"sourcedId": "pbr-fc0caa0a08e63170e21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',233,'lineItem','A-209','CLS-HS-1',NULL,'skip','["CATEGORY_NOT_DISTRICT"]','','{"sourcedId": "pbl-d0ce58f773c2679027b13f4e"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',234,'result','A-209','CLS-HS-1','S-1','skip','["CATEGORY_NOT_DISTRICT"]','','{"sourcedId": "pbr-c0dd31617bc7288a07bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',235,'result','A-209','CLS-HS-1','S-101','skip','["CATEGORY_NOT_DISTRICT"]','','{"sourcedId": "pbr-c0dd31617bc7288ae21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',236,'lineItem','A-211','CLS-HS-1',NULL,'skip','["BEFORE_EFFECTIVE_DATE"]','','{"sourcedId": "pbl-f0843b0a8baf4aba3124e234"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',237,'result','A-211','CLS-HS-1','S-1','skip','["BEFORE_EFFECTIVE_DATE"]','','{"sourcedId": "pbr-e07d8d69dbfb051d07bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',238,'result','A-211','CLS-HS-1','S-101','skip','["BEFORE_EFFECTIVE_DATE"]','','{"sourcedId": "pbr-e07d8d69dbfb051de21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',239,'lineItem','A-212','CLS-HS-1',NULL,'skip','["NO_GRADING_PERIOD"]','','{"sourcedId": "pbl-c0def5511799aaac3c58626a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',240,'result','A-212','CLS-HS-1','S-1','skip','["NO_GRADING_PERIOD"]','','{"sourcedId": "pbr-2c02b5ec2b32372f07bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',241,'result','A-212','CLS-HS-1','S-101','skip','["NO_GRADING_PERIOD"]','','{"sourcedId": "pbr-2c02b5ec2b32372fe21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',242,'lineItem','A-213','CLS-HS-1',NULL,'error','["GRADING_PERIOD_CLOSED"]','The SIS said: Grading period GP-HS-Q1 is closed: lineItem ''pbl-9a7a2aa16c1e4c042999a9eb'' runs from assignDate 2026-10-13 to dueDate 2026-10-26, which overlaps it (2026-08-17 to 2026-10-16)','{"sourcedId": "pbl-9a7a2aa16c1e4c042999a9eb"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',243,'result','A-213','CLS-HS-1','S-1','error','["GRADING_PERIOD_CLOSED"]','Not sent: the SIS did not accept its lineItem. The SIS said: Grading period GP-HS-Q1 is closed: lineItem ''pbl-9a7a2aa16c1e4c042999a9eb'' runs from assignDate 2026-10-13 to dueDate 2026-10-26, which overlaps it (2026-08-17 to 2026-10-16)','{"sourcedId": "pbr-8a002fc16f891ee307bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',244,'result','A-213','CLS-HS-1','S-101','error','["GRADING_PERIOD_CLOSED"]','Not sent: the SIS did not accept its lineItem. The SIS said: Grading period GP-HS-Q1 is closed: lineItem ''pbl-9a7a2aa16c1e4c042999a9eb'' runs from assignDate 2026-10-13 to dueDate 2026-10-26, which overlaps it (2026-08-17 to 2026-10-16)','{"sourcedId": "pbr-8a002fc16f891ee3e21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',245,'lineItem','A-214','CLS-HS-1',NULL,'skip','["DUPLICATE_TITLE"]','','{"sourcedId": "pbl-f08dd62458e6515b9524b2e2"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',246,'result','A-214','CLS-HS-1','S-1','skip','["DUPLICATE_TITLE"]','','{"sourcedId": "pbr-ccc7a680d5cff75607bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',247,'result','A-214','CLS-HS-1','S-101','skip','["DUPLICATE_TITLE"]','','{"sourcedId": "pbr-ccc7a680d5cff756e21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',248,'result','A-214','CLS-HS-1','S-103','skip','["DUPLICATE_TITLE"]','','{"sourcedId": "pbr-ccc7a680d5cff756ba53f4b1286b"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',249,'lineItem','A-206','CLS-HS-4',NULL,'skip','["ASSIGNER_NOT_IN_GROUP"]','','{"sourcedId": "pbl-70682aa9adda36414d46ecdf"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',250,'result','A-206','CLS-HS-4','S-1','skip','["ASSIGNER_NOT_IN_GROUP"]','','{"sourcedId": "pbr-dcfd020c96b04d8207bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',251,'result','A-206','CLS-HS-4','S-107','skip','["ASSIGNER_NOT_IN_GROUP"]','','{"sourcedId": "pbr-dcfd020c96b04d823c1085b2c923"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',252,'result','A-206','CLS-HS-4','S-109','skip','["ASSIGNER_NOT_IN_GROUP"]','','{"sourcedId": "pbr-dcfd020c96b04d8215ec700d5e64"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',253,'result','A-206','CLS-HS-4','S-117','skip','["ASSIGNER_NOT_IN_GROUP"]','','{"sourcedId": "pbr-dcfd020c96b04d8288559455cf7a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',254,'lineItem','A-210','CLS-MS-4',NULL,'skip','["CATEGORY_INACTIVE"]','','{"sourcedId": "pbl-5345070fe0f27c070ab38e3c"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',255,'result','A-210','CLS-MS-4','S-1','skip','["CATEGORY_INACTIVE"]','','{"sourcedId": "pbr-47d757200e80c6b607bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',256,'result','A-210','CLS-MS-4','S-101','skip','["CATEGORY_INACTIVE"]','','{"sourcedId": "pbr-47d757200e80c6b6e21546e55c9d"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',257,'lineItem','A-207','CLS-NOT-IN-SIS',NULL,'skip','["CLASS_NOT_IN_SIS"]','','{"sourcedId": "pbl-815e8836c0f6da4f078a413a"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',258,'result','A-207','CLS-NOT-IN-SIS','S-1','skip','["CLASS_NOT_IN_SIS"]','','{"sourcedId": "pbr-3e9c2a6cacc4cdb107bf7677c736"}');
INSERT INTO "run_items" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af',259,'result','A-207','CLS-NOT-IN-SIS','S-101','skip','["CLASS_NOT_IN_SIS"]','','{"sourcedId": "pbr-3e9c2a6cacc4cdb1e21546e55c9d"}');
CREATE TABLE runs (
	id VARCHAR(32) NOT NULL, 
	district_id VARCHAR(64) NOT NULL, 
	"trigger" VARCHAR(16) NOT NULL, 
	dry_run BOOLEAN NOT NULL, 
	as_of DATE NOT NULL, 
	scope JSON NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	started_at DATETIME NOT NULL, 
	finished_at DATETIME, 
	counts JSON NOT NULL, 
	api_calls JSON NOT NULL, 
	error TEXT, 
	CONSTRAINT pk_runs PRIMARY KEY (id), 
	CONSTRAINT fk_runs_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
);
INSERT INTO "runs" VALUES('34e6ca9e594541aa8fc5eb82fb99b1af','unified-1','test',0,'2026-11-10','{}','partial','2026-12-06 04:25:46.205855','2026-12-06 04:25:49.547778','{"created": 206, "updated": 0, "deleted": 0, "unchanged": 0, "skipped": 51, "conflicts": 0, "errors": 3}','{"reads": 10, "writes": 207}',NULL);
CREATE TABLE scores (
	district_id VARCHAR(64) NOT NULL, 
	assessment_id VARCHAR(200) NOT NULL, 
	student_id VARCHAR(200) NOT NULL, 
	state VARCHAR(16) NOT NULL, 
	points FLOAT, 
	excluded BOOLEAN NOT NULL, 
	comment TEXT, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_scores PRIMARY KEY (district_id, assessment_id, student_id), 
	CONSTRAINT ck_scores_state CHECK (state IN ('graded', 'in_progress', 'submitted', 'not_submitted')), 
	CONSTRAINT fk_scores_district_id_assessment_id_assessments FOREIGN KEY(district_id, assessment_id) REFERENCES assessments (district_id, id) ON DELETE CASCADE, 
	CONSTRAINT fk_scores_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
)
 WITHOUT ROWID

;
INSERT INTO "scores" VALUES('unified-1','A-100','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-103','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-107','graded',12.0,0,NULL,'2026-11-08 16:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-11','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-111','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-113','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-115','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-119','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-125','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-129','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-13','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-131','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-137','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-139','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-141','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-145','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-147','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-149','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-15','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-151','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-155','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-167','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-169','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-171','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-179','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-181','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-185','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-187','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-191','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-193','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-197','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-199','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-205','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-21','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-213','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-217','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-219','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-223','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-225','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-227','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-229','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-231','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-247','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-249','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-255','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-261','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-263','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-267','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-269','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-27','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-277','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-281','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-283','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-287','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-29','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-291','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-293','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-295','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-299','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-301','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-305','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-307','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-315','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-321','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-325','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-329','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-33','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-337','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-341','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-343','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-345','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-351','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-363','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-367','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-369','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-373','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-375','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-381','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-383','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-39','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-399','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-43','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-47','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-49','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-5','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-51','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-57','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-61','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-69','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-7','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-71','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-73','graded',14.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-75','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-77','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-79','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-81','graded',22.0,0,'Extra credit: bonus essay','2026-11-08 16:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-85','graded',15.0,1,NULL,'2026-11-08 16:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-87','submitted',NULL,0,NULL,'2026-11-08 16:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-97','not_submitted',NULL,0,NULL,'2026-11-08 16:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-100','S-99','in_progress',NULL,0,NULL,'2026-11-08 16:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-101','S-1','graded',9.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-101','S-101','graded',8.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-101','S-103','graded',7.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-101','S-11','graded',6.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-101','S-111','graded',9.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-101','S-113','in_progress',NULL,0,NULL,'2026-11-08 16:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-101','S-115','in_progress',NULL,0,NULL,'2026-11-08 16:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-101','S-119','in_progress',NULL,0,NULL,'2026-11-08 16:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-1','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-101','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-103','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-11','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-111','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-113','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-115','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-119','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-125','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-129','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-13','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-131','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-137','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-139','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-141','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-145','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-147','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-149','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-15','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-151','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-155','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-167','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-169','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-171','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-179','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-181','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-185','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-187','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-191','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-193','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-197','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-199','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-205','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-21','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-213','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-217','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-219','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-223','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-225','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-227','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-229','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-231','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-247','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-249','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-255','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-261','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-263','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-267','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-269','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-27','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-277','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-281','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-283','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-287','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-29','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-291','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-293','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-295','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-299','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-301','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-305','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-307','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-315','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-321','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-325','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-329','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-33','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-337','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-341','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-343','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-345','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-351','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-363','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-367','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-369','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-373','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-375','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-381','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-383','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-39','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-399','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-43','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-47','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-49','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-5','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-51','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-57','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-61','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-69','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-7','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-71','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-73','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-75','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-77','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-79','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-81','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-85','graded',5.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-87','graded',4.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-97','graded',3.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-102','S-99','graded',2.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-200','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-200','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-201','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-201','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-202','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-202','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-203','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-203','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-204','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-204','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-205','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-205','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-206','S-1','graded',9.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-206','S-107','graded',8.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-206','S-109','graded',7.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-206','S-117','graded',6.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-207','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-207','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-208','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-208','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-209','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-209','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-210','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-210','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-211','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-211','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-212','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-212','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-213','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-213','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-214','S-1','graded',17.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-214','S-101','graded',16.0,0,NULL,'2026-11-07 15:00:00.000000');
INSERT INTO "scores" VALUES('unified-1','A-214','S-103','graded',15.0,0,NULL,'2026-11-07 15:00:00.000000');
CREATE TABLE sis_line_items (
	district_id VARCHAR(64) NOT NULL, 
	sourced_id VARCHAR(200) NOT NULL, 
	class_id VARCHAR(200) NOT NULL, 
	data JSON NOT NULL, 
	CONSTRAINT pk_sis_line_items PRIMARY KEY (district_id, sourced_id), 
	CONSTRAINT fk_sis_line_items_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
)
 WITHOUT ROWID

;
CREATE TABLE sync_jobs (
	id VARCHAR(32) NOT NULL, 
	district_id VARCHAR(64) NOT NULL, 
	"trigger" VARCHAR(16) NOT NULL, 
	scope JSON NOT NULL, 
	dry_run BOOLEAN NOT NULL, 
	as_of DATE, 
	dedupe_key VARCHAR(64) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	attempts INTEGER NOT NULL, 
	requested_at DATETIME NOT NULL, 
	not_before DATETIME NOT NULL, 
	started_at DATETIME, 
	finished_at DATETIME, 
	heartbeat_at DATETIME, 
	worker VARCHAR(200), 
	run_id VARCHAR(32), 
	error TEXT, 
	queue_id BIGINT, 
	superseded_by VARCHAR(32), 
	CONSTRAINT pk_sync_jobs PRIMARY KEY (id), 
	CONSTRAINT ck_sync_jobs_status CHECK (status IN ('queued', 'running', 'done', 'failed')), 
	CONSTRAINT fk_sync_jobs_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE
);
CREATE TABLE users (
	id INTEGER NOT NULL, 
	username VARCHAR(120) NOT NULL, 
	display_name TEXT NOT NULL, 
	password_hash VARCHAR(255) NOT NULL, 
	role VARCHAR(16) NOT NULL, 
	district_id VARCHAR(64), 
	sis_user_id VARCHAR(200), 
	disabled BOOLEAN NOT NULL, 
	session_epoch INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_login_at DATETIME, 
	CONSTRAINT pk_users PRIMARY KEY (id), 
	CONSTRAINT ck_users_role CHECK (role IN ('operator', 'district_admin', 'teacher')), 
	CONSTRAINT ck_users_district_per_role CHECK ((role = 'operator' AND district_id IS NULL) OR (role <> 'operator' AND district_id IS NOT NULL)), 
	CONSTRAINT ck_users_teacher_sis_user CHECK (role <> 'teacher' OR sis_user_id IS NOT NULL), 
	CONSTRAINT fk_users_district_id_districts FOREIGN KEY(district_id) REFERENCES districts (id) ON DELETE CASCADE, 
	CONSTRAINT uq_users_username UNIQUE (username)
);
CREATE INDEX ix_ledger_district_id_class_id ON ledger (district_id, class_id);
CREATE INDEX ix_runs_district_id_started_at ON runs (district_id, started_at);
CREATE INDEX ix_run_items_run_id_action ON run_items (run_id, action);
CREATE INDEX ix_users_district_id ON users (district_id);
CREATE INDEX ix_api_tokens_district_id ON api_tokens (district_id);
CREATE INDEX ix_audit_log_district_id_at ON audit_log (district_id, at);
CREATE UNIQUE INDEX uq_sync_jobs_pending_dedupe_key ON sync_jobs (dedupe_key) WHERE status = 'queued';
CREATE INDEX ix_sync_jobs_status_not_before ON sync_jobs (status, not_before);
CREATE INDEX ix_sync_jobs_district_id_requested_at ON sync_jobs (district_id, requested_at);
CREATE INDEX ix_notifications_status_next_attempt_at ON notifications (status, next_attempt_at);
CREATE UNIQUE INDEX ix_notifications_district_id_event_channel_recipient ON notifications (district_id, event, channel, recipient);
CREATE INDEX ix_sis_line_items_district_id_class_id ON sis_line_items (district_id, class_id);
COMMIT;
