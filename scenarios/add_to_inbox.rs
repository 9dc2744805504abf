// The lecture's mail example: three I/O operations and one plain check, written with
// `.await` and `?`. The function has five places where it can be paused: before it starts,
// at each of the three awaits, and after it has finished.

struct Message {
    text: String,
}

struct Recipient {
    id: u64,
    free_slots: u32,
}

async fn add_to_inbox(email_id: u64, recipient_id: u64) // @start NotYetStarted
    -> Result<(), Error> // @end Completed
{
    let message = load_message(email_id).await?; // @state WaitingLoadMessage
    let recipient = get_recipient(recipient_id).await?; // @state WaitingGetRecipient
    verify_has_space(&recipient, &message)?;
    deliver(recipient, message).await // @state WaitingAddToInbox
}

async fn main() {
    match add_to_inbox(1, 7).await {
        Ok(_) => println!("message delivered"),
        Err(_) => println!("message not delivered"),
    }
}
