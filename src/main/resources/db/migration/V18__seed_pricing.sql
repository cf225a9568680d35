-- Reference prices (USD per million tokens; E2B per second) effective from 2024-01-01.
-- Later price changes are new rows with a later effective_date, never edits of these.

INSERT INTO copilot_internal.model_pricing
    (provider, model, input_price_per_million, output_price_per_million, cached_input_price_per_million,
     cache_write_price_per_million, effective_date, notes)
VALUES
    ('openai', 'gpt-4',                      30.00,  60.00,  NULL,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price'),
    ('openai', 'gpt-4-32k',                  60.00, 120.00,  NULL,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price'),
    ('openai', 'gpt-4-turbo',                10.00,  30.00,  NULL,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price'),
    ('openai', 'gpt-4o',                      2.50,  10.00,  1.25,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price'),
    ('openai', 'gpt-4o-mini',                 0.15,   0.60,  0.075,  NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price'),
    ('openai', 'gpt-4.1',                     2.00,   8.00,  0.50,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price'),
    ('openai', 'gpt-4.1-mini',                0.40,   1.60,  0.10,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price'),
    ('openai', 'gpt-4.1-nano',                0.10,   0.40,  0.025,  NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price'),
    ('openai', 'gpt-3.5-turbo',               0.50,   1.50,  NULL,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price'),
    ('openai', 'o1',                         15.00,  60.00,  7.50,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price; reasoning billed as output'),
    ('openai', 'o1-mini',                     1.10,   4.40,  0.55,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price; reasoning billed as output'),
    ('openai', 'o3',                          2.00,   8.00,  0.50,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price; reasoning billed as output'),
    ('openai', 'o3-mini',                     1.10,   4.40,  0.55,   NULL,  '2024-01-01T00:00:00Z', 'OpenAI list price; reasoning billed as output'),
    ('anthropic', 'claude-3-opus-20240229',  15.00,  75.00,  1.50,  18.75,  '2024-01-01T00:00:00Z', 'Anthropic list price'),
    ('anthropic', 'claude-3-sonnet-20240229', 3.00,  15.00,  0.30,   3.75,  '2024-01-01T00:00:00Z', 'Anthropic list price'),
    ('anthropic', 'claude-3-haiku-20240307',  0.25,   1.25,  0.03,   0.30,  '2024-01-01T00:00:00Z', 'Anthropic list price'),
    ('anthropic', 'claude-3-5-sonnet-20241022', 3.00, 15.00, 0.30,   3.75,  '2024-01-01T00:00:00Z', 'Anthropic list price'),
    ('anthropic', 'claude-3-5-haiku-20241022', 0.80,  4.00,  0.08,   1.00,  '2024-01-01T00:00:00Z', 'Anthropic list price'),
    ('anthropic', 'claude-3-7-sonnet-20250219', 3.00, 15.00, 0.30,   3.75,  '2024-01-01T00:00:00Z', 'Anthropic list price'),
    ('google', 'gemini-1.5-pro',              1.25,   5.00,  NULL,   NULL,  '2024-01-01T00:00:00Z', 'Google list price (<=128k context)'),
    ('google', 'gemini-1.5-flash',            0.075,  0.30,  NULL,   NULL,  '2024-01-01T00:00:00Z', 'Google list price (<=128k context)'),
    ('google', 'gemini-2.0-flash',            0.10,   0.40,  0.025,  NULL,  '2024-01-01T00:00:00Z', 'Google list price'),
    ('google', 'gemini-2.5-pro',              1.25,  10.00,  0.31,   NULL,  '2024-01-01T00:00:00Z', 'Google list price (<=200k context)'),
    ('groq', 'llama-3.3-70b-versatile',       0.59,   0.79,  NULL,   NULL,  '2024-01-01T00:00:00Z', 'Groq list price'),
    ('groq', 'llama-3.1-8b-instant',          0.05,   0.08,  NULL,   NULL,  '2024-01-01T00:00:00Z', 'Groq list price'),
    ('groq', 'mixtral-8x7b-32768',            0.24,   0.24,  NULL,   NULL,  '2024-01-01T00:00:00Z', 'Groq list price'),
    ('groq', 'gemma2-9b-it',                  0.20,   0.20,  NULL,   NULL,  '2024-01-01T00:00:00Z', 'Groq list price');

INSERT INTO copilot_internal.e2b_pricing (tier, region, price_per_second, effective_date, notes)
VALUES
    ('standard',    'us-east-1', 0.0001, '2024-01-01T00:00:00Z', '2 vCPU, 512 MiB'),
    ('high-cpu',    'us-east-1', 0.0002, '2024-01-01T00:00:00Z', '8 vCPU, 2 GiB'),
    ('high-memory', 'us-east-1', 0.00015, '2024-01-01T00:00:00Z', '2 vCPU, 8 GiB'),
    ('gpu',         'us-east-1', 0.0010, '2024-01-01T00:00:00Z', '1 GPU');
