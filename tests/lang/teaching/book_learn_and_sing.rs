// Modelled on the async book's `learn_and_sing` / `dance` / `async_main` with `futures::join!`.
use futures::join;

struct Song {
    title: String,
}

async fn learn_song() -> Song {
    println!("learning the song");
    Song { title: String::from("Ode to Joy") }
}

async fn sing_song(song: Song) {
    println!("singing {}", song.title);
}

async fn dance() {
    println!("dancing");
}

async fn learn_and_sing() {
    // The song must be learned before it can be sung: await, not block.
    let song = learn_song().await;
    sing_song(song).await;
}

async fn async_main() {
    let f1 = learn_and_sing();
    let f2 = dance();
    // While one future is waiting, the other one can make progress.
    join!(f1, f2);
}

async fn main() {
    async_main().await;
}
