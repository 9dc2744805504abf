// `impl Trait` for a script trait: in a parameter an anonymous type parameter (each call gets an
// instance), in a return type the body's concrete type.
trait Describe {
    fn describe(&self) -> String;
}

struct Cat {
    name: String,
}

impl Describe for Cat {
    fn describe(&self) -> String {
        format!("cat {}", self.name)
    }
}

struct Song;

impl Describe for Song {
    fn describe(&self) -> String {
        String::from("a song")
    }
}

fn show(x: impl Describe) -> String {
    x.describe()
}

fn make() -> impl Describe {
    Cat { name: String::from("tom") }
}

async fn main() {
    let c = make();
    yield_now().await;
    println!("{}", c.describe());
    println!("{} / {}", show(Cat { name: String::from("felix") }), show(Song));
}
