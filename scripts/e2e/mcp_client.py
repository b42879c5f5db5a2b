#!/usr/bin/env python3
"""A real MCP client for `adlaw mcp`: the MCP Python SDK (from PyPI) starts the server over
stdio, lists its tools and prompt, calls each tool and checks the answers.

    python3 scripts/e2e/mcp_client.py ADLAW    (in a venv with `mcp` installed; scripts/e2e.sh makes one)
"""
import asyncio, os, sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def expect(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok  -", what)


def text_of(result):
    return "".join(c.text for c in result.content if getattr(c, "type", "") == "text")


async def main(adlaw):
    params = StdioServerParameters(command=os.path.abspath(adlaw), args=["mcp", "--no-config"], env=dict(os.environ))
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            expect(init.serverInfo.name == "adlaw", f"initialize: server adlaw {init.serverInfo.version}, protocol {init.protocolVersion}")

            tools = {t.name: t for t in (await session.list_tools()).tools}
            expect(sorted(tools) == ["check_copy", "explain_rule", "list_rules"], "tools: check_copy, explain_rule, list_rules")
            expect(tools["check_copy"].inputSchema["required"] == ["text"] and "food" in tools["check_copy"].inputSchema["properties"]["product_type"]["enum"],
                   "check_copy: text required, product_type an enum of sectors")

            copy = "每天一杯，預防感冒，讓全家人元氣滿滿。本商品網路限定，恕不退換。"
            result = await session.call_tool("check_copy", {"text": copy, "product_type": "food"})
            text = text_of(result)
            data = result.structuredContent
            expect(not result.isError and data["clean"] is False and data["complete"] is True, "check_copy: findings on risky copy")
            ids = [f["rule_id"] for f in data["findings"]]
            expect(ids == ["food.medical-efficacy", "consumer-protection.no-return"], f"check_copy: rules {ids}")
            first = data["findings"][0]
            expect(first["text"] == "預防感冒" and first["citations"][0]["law"] == "食品安全衛生管理法" and first["citations"][0]["penalty"],
                   "check_copy: the phrase with law, article and penalty")
            expect(first["suggestion"] and "建議：" in text, "check_copy: a suggestion, in the text for the assistant too")

            rewritten = "每天一杯，幫助調節生理機能，讓全家人元氣滿滿。收到商品次日起7日內可無條件退貨。"
            clean = await session.call_tool("check_copy", {"text": rewritten, "product_type": "food"})
            expect(clean.structuredContent["clean"] is True and clean.structuredContent["complete"] is True, "check_copy: the rewritten copy is clean")

            unknown = await session.call_tool("check_copy", {"text": "好喝", "product_type": "snacks"})
            expect(unknown.isError and "product_type" in text_of(unknown), "check_copy: an unknown product type is a tool error that names the valid ones")

            explained = await session.call_tool("explain_rule", {"rule_id": "food.medical-efficacy"})
            expect(not explained.isError and "食品安全衛生管理法" in text_of(explained), "explain_rule: rationale and citations")

            listed = await session.call_tool("list_rules", {"product_type": "cosmetics"})
            rule_ids = [r["id"] for r in listed.structuredContent["rules"]]
            expect("cosmetics.medical-efficacy" in rule_ids and "food.medical-efficacy" not in rule_ids, f"list_rules: {len(rule_ids)} rules for cosmetics")

            prompts = (await session.list_prompts()).prompts
            expect([p.name for p in prompts] == ["rewrite_until_clean"], "prompt: rewrite_until_clean")
            prompt = await session.get_prompt("rewrite_until_clean", {"text": copy, "product_type": "food"})
            body = prompt.messages[0].content.text
            expect("check_copy" in body and copy in body and "clean" in body, "prompt: asks to rewrite with check_copy until clean")
    print("mcp: all checks passed")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
