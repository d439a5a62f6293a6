from members.models import PledgeAcceptance, PledgeVersion


def test_a_new_pledge_version_must_be_accepted_again(member_client, member):
    assert member_client.get("/members/").status_code == 200
    new = PledgeVersion.objects.create(
        version=PledgeVersion.current().version + 1, text="新しい誓約"
    )
    response = member_client.get("/members/")
    assert response["Location"].startswith("/members/pledge/")
    assert "新しい誓約" in member_client.get("/members/pledge/").content.decode()
    member_client.post("/members/pledge/", {"accept": "on"})
    acceptance = PledgeAcceptance.objects.get(user=member, version=new)
    assert acceptance.accepted_at
    assert member_client.get("/members/").status_code == 200


def test_the_pledge_must_be_ticked(member_client):
    PledgeVersion.objects.create(version=PledgeVersion.current().version + 1, text="新しい誓約")
    response = member_client.post("/members/pledge/", {})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
